//! The model of a classified type: the syn nodes of a `#[derive(Classify)]` input with their
//! parsed `#[onus(...)]`. Every node keeps a reference to the syn node it came from, so every
//! error can be spanned at the exact variant, field, key or value.

use std::collections::BTreeSet;
use std::fmt;

use proc_macro2::Span;
use syn::visit::Visit;
use syn::{DeriveInput, Ident, Member, Type};

use crate::attr::Attrs;
use crate::ctxt::{Ctxt, Part, SpanRange};

/// What the derive is applied to.
#[derive(Debug)]
pub enum Input<'a> {
    /// An enum: each variant declares, with the enum's defaults.
    Enum(Enum<'a>),
    /// A struct: the type declares.
    Struct(Struct<'a>),
}

/// An enum: type-level defaults and the variants.
pub struct Enum<'a> {
    /// The derive's input.
    pub original: &'a DeriveInput,
    /// The enum's own `#[onus(...)]`: defaults for every variant.
    pub attrs: Attrs,
    /// The variants, in declaration order.
    pub variants: Vec<Variant<'a>>,
}

/// One enum variant and its own declaration.
pub struct Variant<'a> {
    /// The variant as written.
    pub original: &'a syn::Variant,
    /// Its `#[onus(...)]`.
    pub attrs: Attrs,
    /// Its fields, in declaration order.
    pub fields: Vec<Field<'a>>,
}

/// A struct, whose type-level `#[onus(...)]` is its whole declaration.
pub struct Struct<'a> {
    /// The derive's input.
    pub original: &'a DeriveInput,
    /// The struct's `#[onus(...)]`.
    pub attrs: Attrs,
    /// Its fields, in declaration order.
    pub fields: Vec<Field<'a>>,
}

/// A field, as far as `transparent` and `via` need it.
pub struct Field<'a> {
    /// The field as written.
    pub original: &'a syn::Field,
    /// How the field is named in a pattern: `0` or `source`.
    pub member: Member,
    /// Whether the field's type mentions a type parameter, so `Classified` must be a where-bound.
    pub contains_generic: bool,
}

impl<'a> Input<'a> {
    /// Builds the model, or reports a derive on a union. Attribute mistakes go to `cx`, each
    /// recorded against the variant it is about (the type's own `#[onus(...)]`: the container).
    #[must_use]
    pub fn from_syn(input: &'a DeriveInput, cx: &Ctxt) -> Option<Self> {
        let type_params: BTreeSet<&Ident> = input
            .generics
            .type_params()
            .map(|param| &param.ident)
            .collect();
        match &input.data {
            syn::Data::Enum(data) => Some(Input::Enum(Enum {
                original: input,
                attrs: Attrs::from_syn(&input.attrs, cx),
                variants: data
                    .variants
                    .iter()
                    .enumerate()
                    .map(|(index, variant)| {
                        cx.within(Part::Variant(index), || Variant {
                            original: variant,
                            attrs: Attrs::from_syn(&variant.attrs, cx),
                            fields: Field::multiple_from_syn(&variant.fields, &type_params, cx),
                        })
                    })
                    .collect(),
            })),
            syn::Data::Struct(data) => Some(Input::Struct(Struct {
                original: input,
                attrs: Attrs::from_syn(&input.attrs, cx),
                fields: Field::multiple_from_syn(&data.fields, &type_params, cx),
            })),
            syn::Data::Union(data) => {
                cx.error(
                    data.union_token.span,
                    "#[derive(Classify)] does not support unions",
                    "declare the error as an enum (one variant per case) or a struct",
                );
                None
            }
        }
    }
}

impl<'a> Field<'a> {
    fn multiple_from_syn(
        fields: &'a syn::Fields,
        type_params: &BTreeSet<&Ident>,
        cx: &Ctxt,
    ) -> Vec<Self> {
        fields
            .iter()
            .zip(fields.members())
            .map(|(field, member)| {
                if let Some(attr) = field.attrs.iter().find(|attr| attr.path().is_ident("onus")) {
                    cx.error(
                        SpanRange::new(attr.pound_token.spans[0], attr.bracket_token.span.close()),
                        "#[onus(...)] goes on the type or on a variant, not on a field",
                        "move it to the variant; to delegate to this field, put `#[onus(transparent)]` on the variant",
                    );
                }
                Field { original: field, member, contains_generic: mentions_any(&field.ty, type_params) }
            })
            .collect()
    }

    /// Where a missing `Classified` impl of the field should be reported.
    #[must_use]
    pub fn ty_span(&self) -> Span {
        syn::spanned::Spanned::span(&self.original.ty)
    }

    /// The error a `transparent` field delegates to: the field's type, or `E` for a `Box<E>`
    /// (boxed to keep a `Result` small), which a reference to the box coerces to.
    #[must_use]
    pub fn delegate_ty(&self) -> &'a Type {
        boxed(&self.original.ty).unwrap_or(&self.original.ty)
    }
}

/// `E` of `Box<E>`, `std::boxed::Box<E>` or `alloc::boxed::Box<E>`.
fn boxed(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let names: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let is_box = matches!(
        names
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["Box"] | ["std" | "alloc", "boxed", "Box"]
    );
    let last = path.path.segments.last()?;
    match &last.arguments {
        syn::PathArguments::AngleBracketed(arguments) if is_box && arguments.args.len() == 1 => {
            match arguments.args.first()? {
                syn::GenericArgument::Type(inner) => Some(inner),
                _ => None,
            }
        }
        _ => None,
    }
}

// syn's nodes are `Debug` only with its `extra-traits` feature, which the derive does not need:
// the model shows each node by its name instead.
impl fmt::Debug for Enum<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Enum")
            .field("ident", &self.original.ident)
            .field("attrs", &self.attrs)
            .field("variants", &self.variants)
            .finish()
    }
}

impl fmt::Debug for Variant<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Variant")
            .field("ident", &self.original.ident)
            .field("attrs", &self.attrs)
            .field("fields", &self.fields)
            .finish()
    }
}

impl fmt::Debug for Struct<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Struct")
            .field("ident", &self.original.ident)
            .field("attrs", &self.attrs)
            .field("fields", &self.fields)
            .finish()
    }
}

impl fmt::Debug for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let member = match &self.member {
            Member::Named(ident) => ident.to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        };
        f.debug_struct("Field")
            .field("member", &member)
            .field("contains_generic", &self.contains_generic)
            .finish()
    }
}

fn mentions_any(ty: &Type, type_params: &BTreeSet<&Ident>) -> bool {
    struct Finder<'p> {
        type_params: &'p BTreeSet<&'p Ident>,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            // `T` or `T::Assoc`; a path with a leading `::` names a crate, not a parameter.
            if path.leading_colon.is_none()
                && let Some(first) = path.segments.first()
                && self.type_params.contains(&first.ident)
            {
                self.found = true;
            }
            syn::visit::visit_path(self, path);
        }
    }
    if type_params.is_empty() {
        return false;
    }
    let mut finder = Finder {
        type_params,
        found: false,
    };
    finder.visit_type(ty);
    finder.found
}
