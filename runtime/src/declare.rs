//! The two `macro_rules!` that `#[derive(Classify)]` expands into, and the status constants they
//! name. The derive checks the declarations and writes them in a compact form, and these macros
//! turn that form into the typed `match` and [`Declaration`]s.
//!
//! Why not have the derive write the code itself: a proc macro runs unoptimized in a dev build
//! and hands every token it writes across the compiler's proc-macro bridge, while the compiler
//! expands a `macro_rules!` with its own optimized code. The compact form is a fifth of the
//! tokens, for the same generated code (`benches/derive-compile` measures the difference).
//!
//! The forms avoid two things on purpose. A nested macro call per variant (to pick between two
//! shapes of a field, say) costs the compiler about as much as a struct literal's field, so
//! every choice is made by the derive and written as tokens that fit one template. And a group
//! (`[...]`, `(...)`) per variant costs the derive a round trip across the bridge, so the common
//! forms have none: `NONE` rather than `[::NONE]`.
//!
//! [`Declaration`]: crate::__private::Declaration

/// Not public API: one [`Declaration`](crate::__private::Declaration) from the derive's compact
/// form, `KIND STATUS "CODE" EXTRAS`:
///
/// - `KIND`: a variant of [`Kind`](crate::__private::Kind), the class and severity (`BusinessInfo`);
/// - `STATUS`: a constant of [`status`](crate::__private::status) (`_404`);
/// - `EXTRAS`: `NONE` (`Extras::NONE`), or the body of an `Extras` literal:
///   `{ retryable: true, ..::onus::__private::Extras::NONE }`.
#[doc(hidden)]
#[macro_export]
macro_rules! __onus_declaration {
    ($kind:ident $status:ident $code:literal $($none:ident)? $({ $($extras:tt)* })?) => {
        (
            $crate::__private::Kind::$kind,
            $crate::__private::status::$status,
            $code,
            $crate::__private::Extras $(::$none)? $({ $($extras)* })?,
        )
    };
}

/// Not public API: the body of an enum's `Declared::answers`, a `match` on `self`.
///
/// `__answers!(self => { VARIANT DECLARATION; ... } { VARIANT MEMBER (ANSWERS_FN) ... })`: each
/// declared variant with its declaration in [`__onus_declaration!`](crate::__onus_declaration)'s
/// form, then each transparent variant with the member of its field and the function that
/// answers for the field's type (written by the derive with the field type's span, so a type
/// that is not `Classified` is reported at the field).
#[doc(hidden)]
#[macro_export]
macro_rules! __onus_answers {
    // Every variant is transparent: each arm answers with its field's answers.
    ($this:ident => {} { $($wrapper:ident $member:tt ($($answers:tt)*))* }) => {
        match $this {
            $(Self::$wrapper { $member: __onus_field } => $($answers)*(__onus_field),)*
        }
    };
    (
        $this:ident => {
            $($variant:ident $kind:ident $status:ident $code:literal $($none:ident)? $({ $($extras:tt)* })?;)*
        } { $($wrapper:ident $member:tt ($($answers:tt)*))* }
    ) => {{
        // The same template as `__onus_declaration!`, written out: a nested call per variant
        // would cost more compile time than the rest of its arm.
        let declaration = match $this {
            $(Self::$variant { .. } => (
                $crate::__private::Kind::$kind,
                $crate::__private::status::$status,
                $code,
                $crate::__private::Extras $(::$none)? $({ $($extras)* })?,
            ),)*
            $(Self::$wrapper { $member: __onus_field } => return $($answers)*(__onus_field),)*
        };
        $crate::__private::Answers::declared(declaration, $this)
    }};
}

/// Not public API: every error status, 400 to 599, as a constant named by its number (`_404`),
/// so the derive names a status the same way whether `http::StatusCode` has a constant for it
/// or not (499, say). A constant of this crate also costs the compiler a little less to resolve
/// than an associated constant of `StatusCode`.
pub mod status {
    use http::StatusCode;

    /// Panics for a code outside 100..=999, which is a compile error here: every caller is a
    /// constant of this module.
    const fn status(code: u16) -> StatusCode {
        match StatusCode::from_u16(code) {
            Ok(status) => status,
            Err(_) => panic!("an HTTP status is a number from 100 to 999"),
        }
    }

    macro_rules! statuses {
        ($($name:ident = $code:literal,)*) => {
            $(
                #[allow(missing_docs)]
                pub const $name: StatusCode = status($code);
            )*

            /// Every constant with its code.
            #[cfg(test)]
            pub(crate) const ALL: &[(StatusCode, u16)] = &[$(($name, $code)),*];

            /// `"http.<status>"` (`"http.404"`): the error code of an answer onus knows only by
            /// its status, e.g. one the problem layer rewrites; `"http.error"` outside 400..=599.
            #[cfg(any(feature = "axum", feature = "actix"))]
            pub(crate) const fn http_code(status: StatusCode) -> &'static str {
                match status.as_u16() {
                    $($code => concat!("http.", $code),)*
                    _ => "http.error",
                }
            }
        };
    }

    statuses! {
        _400 = 400, _401 = 401, _402 = 402, _403 = 403, _404 = 404,
        _405 = 405, _406 = 406, _407 = 407, _408 = 408, _409 = 409,
        _410 = 410, _411 = 411, _412 = 412, _413 = 413, _414 = 414,
        _415 = 415, _416 = 416, _417 = 417, _418 = 418, _419 = 419,
        _420 = 420, _421 = 421, _422 = 422, _423 = 423, _424 = 424,
        _425 = 425, _426 = 426, _427 = 427, _428 = 428, _429 = 429,
        _430 = 430, _431 = 431, _432 = 432, _433 = 433, _434 = 434,
        _435 = 435, _436 = 436, _437 = 437, _438 = 438, _439 = 439,
        _440 = 440, _441 = 441, _442 = 442, _443 = 443, _444 = 444,
        _445 = 445, _446 = 446, _447 = 447, _448 = 448, _449 = 449,
        _450 = 450, _451 = 451, _452 = 452, _453 = 453, _454 = 454,
        _455 = 455, _456 = 456, _457 = 457, _458 = 458, _459 = 459,
        _460 = 460, _461 = 461, _462 = 462, _463 = 463, _464 = 464,
        _465 = 465, _466 = 466, _467 = 467, _468 = 468, _469 = 469,
        _470 = 470, _471 = 471, _472 = 472, _473 = 473, _474 = 474,
        _475 = 475, _476 = 476, _477 = 477, _478 = 478, _479 = 479,
        _480 = 480, _481 = 481, _482 = 482, _483 = 483, _484 = 484,
        _485 = 485, _486 = 486, _487 = 487, _488 = 488, _489 = 489,
        _490 = 490, _491 = 491, _492 = 492, _493 = 493, _494 = 494,
        _495 = 495, _496 = 496, _497 = 497, _498 = 498, _499 = 499,
        _500 = 500, _501 = 501, _502 = 502, _503 = 503, _504 = 504,
        _505 = 505, _506 = 506, _507 = 507, _508 = 508, _509 = 509,
        _510 = 510, _511 = 511, _512 = 512, _513 = 513, _514 = 514,
        _515 = 515, _516 = 516, _517 = 517, _518 = 518, _519 = 519,
        _520 = 520, _521 = 521, _522 = 522, _523 = 523, _524 = 524,
        _525 = 525, _526 = 526, _527 = 527, _528 = 528, _529 = 529,
        _530 = 530, _531 = 531, _532 = 532, _533 = 533, _534 = 534,
        _535 = 535, _536 = 536, _537 = 537, _538 = 538, _539 = 539,
        _540 = 540, _541 = 541, _542 = 542, _543 = 543, _544 = 544,
        _545 = 545, _546 = 546, _547 = 547, _548 = 548, _549 = 549,
        _550 = 550, _551 = 551, _552 = 552, _553 = 553, _554 = 554,
        _555 = 555, _556 = 556, _557 = 557, _558 = 558, _559 = 559,
        _560 = 560, _561 = 561, _562 = 562, _563 = 563, _564 = 564,
        _565 = 565, _566 = 566, _567 = 567, _568 = 568, _569 = 569,
        _570 = 570, _571 = 571, _572 = 572, _573 = 573, _574 = 574,
        _575 = 575, _576 = 576, _577 = 577, _578 = 578, _579 = 579,
        _580 = 580, _581 = 581, _582 = 582, _583 = 583, _584 = 584,
        _585 = 585, _586 = 586, _587 = 587, _588 = 588, _589 = 589,
        _590 = 590, _591 = 591, _592 = 592, _593 = 593, _594 = 594,
        _595 = 595, _596 = 596, _597 = 597, _598 = 598, _599 = 599,
    }
}

#[cfg(test)]
mod tests {
    use super::status;

    #[test]
    fn every_error_status_has_a_constant_named_by_its_code() {
        let codes: Vec<u16> = status::ALL.iter().map(|&(_, code)| code).collect();
        assert_eq!(codes, (400..=599).collect::<Vec<u16>>());
        for &(status, code) in status::ALL {
            assert_eq!(status.as_u16(), code);
        }
        assert_eq!(status::_409, http::StatusCode::CONFLICT);
        assert_eq!(status::_499.as_u16(), 499);
    }

    #[cfg(any(feature = "axum", feature = "actix"))]
    #[test]
    fn every_error_status_has_an_http_code() {
        for &(status, code) in status::ALL {
            assert_eq!(status::http_code(status), format!("http.{code}"));
        }
        assert_eq!(status::http_code(http::StatusCode::OK), "http.error");
    }
}
