#!/usr/bin/env python3
"""Writes one hostile input file for `cargo onus check` (see benches/hostile/run.sh).

    gen.py SHAPE SIZE > file.rs

Shapes (SIZE is the number of repetitions):

  long-line    SIZE findings (`let _ = f();`) on one line of a single fn
  long-lines   SIZE lines of 1 KB, each with one finding at its end
  parens       a fn returning SIZE nested parentheses around `1`
  blocks       a fn with SIZE nested blocks
  generics     a type alias nested SIZE deep (`Option<Option<...>>`)
  refs         a type alias of SIZE references (`& & & u8`)
  unary        a fn returning SIZE negations (`- - - 1`)
  sum          a fn returning a sum of SIZE terms (`1 + 1 + ...`)
  methods      a fn calling SIZE chained methods (`x.m().m()`)
  assign       SIZE chained assignments (`a = a = ... = 1`)
  closures     SIZE nested closures (`|| || ... 1`)
  else-if      an `if` with SIZE `else if` branches
  if-let-err   SIZE nested `if let Err(_) = f() {` (a finding at every level)

Nothing is committed: the files are generated where the bench runs.
"""

import sys


def lines_of(shape, size):
    if shape == "long-line":
        yield "fn f() -> Result<(), ()> { Ok(()) }\n"
        yield "fn g() { " + "let _ = f(); " * size + "}\n"
    elif shape == "long-lines":
        yield "fn f() -> Result<(), ()> { Ok(()) }\n"
        yield "fn g() {\n"
        for _ in range(size):
            yield "    let _x = 1; /*" + "x" * 1000 + "*/ let _ = f();\n"
        yield "}\n"
    elif shape == "parens":
        yield "pub fn f() -> i32 { " + "(" * size + "1" + ")" * size + " }\n"
    elif shape == "blocks":
        yield "pub fn f() { " + "{ " * size + "}" * size + " }\n"
    elif shape == "generics":
        yield "pub type T = " + "Option<" * size + "u8" + ">" * size + ";\n"
    elif shape == "refs":
        yield "pub type T = " + "& " * size + "u8;\n"
    elif shape == "unary":
        yield "pub fn f() -> i32 { " + "- " * size + "1 }\n"
    elif shape == "sum":
        yield "pub fn f() -> i32 { 1" + " + 1" * size + " }\n"
    elif shape == "methods":
        yield "pub fn f(x: X) -> X { x" + ".m()" * size + " }\n"
    elif shape == "assign":
        yield "pub fn f(mut a: i32) { " + "a = " * size + "1; }\n"
    elif shape == "closures":
        yield "pub fn f() { let _c = " + "|| " * size + "1; }\n"
    elif shape == "else-if":
        yield "pub fn f(a: i32) { if a == 0 {}" + " else if a == 1 {}" * size + " }\n"
    elif shape == "if-let-err":
        yield "fn f() -> Result<(), ()> { Ok(()) }\n"
        yield "pub fn g() {\n"
        yield "if let Err(_) = f() {\n" * size
        yield "}\n" * size
        yield "}\n"
    else:
        sys.exit(f"unknown shape `{shape}` (see the docstring)")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    shape, size = sys.argv[1], int(sys.argv[2])
    out = sys.stdout
    for line in lines_of(shape, size):
        out.write(line)


if __name__ == "__main__":
    main()
