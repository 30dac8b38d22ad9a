//! The derive's model of the input: syn nodes with their parsed `#[onus(...)]`.

use std::collections::BTreeSet;

use proc_macro2::Span;
use syn::visit::Visit;
use syn::{DeriveInput, Ident, Member, Type};

use crate::attr::Attrs;
use crate::ctxt::{Ctxt, SpanRange};

/// What the derive is applied to.
pub(crate) enum Input<'a> {
    Enum(Enum<'a>),
    Struct(Struct<'a>),
}

/// An enum: type-level defaults and the variants.
pub(crate) struct Enum<'a> {
    pub(crate) original: &'a DeriveInput,
    pub(crate) attrs: Attrs,
    pub(crate) variants: Vec<Variant<'a>>,
}

/// One enum variant and its own declaration.
pub(crate) struct Variant<'a> {
    pub(crate) original: &'a syn::Variant,
    pub(crate) attrs: Attrs,
    pub(crate) fields: Vec<Field<'a>>,
}

/// A struct, whose type-level `#[onus(...)]` is its whole declaration.
pub(crate) struct Struct<'a> {
    pub(crate) original: &'a DeriveInput,
    pub(crate) attrs: Attrs,
    pub(crate) fields: Vec<Field<'a>>,
}

/// A field, as far as `transparent` needs it.
pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) member: Member,
    /// Whether the field's type mentions a type parameter, so `Classified` must be a where-bound.
    pub(crate) contains_generic: bool,
}

impl<'a> Input<'a> {
    /// Builds the model, or reports a derive on a union. Attribute mistakes go to `cx`.
    pub(crate) fn from_syn(input: &'a DeriveInput, cx: &Ctxt) -> Option<Self> {
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
                    .map(|variant| Variant {
                        original: variant,
                        attrs: Attrs::from_syn(&variant.attrs, cx),
                        fields: Field::multiple_from_syn(&variant.fields, &type_params, cx),
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
    pub(crate) fn ty_span(&self) -> Span {
        syn::spanned::Spanned::span(&self.original.ty)
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
