//! The OpenAPI answers of a classified type, through utoipa (feature `utoipa`): every type
//! deriving `Classify` implements [`utoipa::IntoResponses`], one response per status it can
//! answer, and [`Problem`] implements [`utoipa::ToSchema`].
//!
//! A handler lists exactly what it can answer by naming its error type among its responses:
//!
//! ```
//! #[derive(Debug, thiserror::Error, onus::Classify)]
//! enum SignupError {
//!     #[error("this email is already registered")]
//!     #[onus(class = business, status = 409, severity = info, code = "signup.taken")]
//!     Taken,
//!     #[error("user store unavailable: {0}")]
//!     #[onus(class = system, status = 503, severity = error, code = "signup.store")]
//!     Store(String),
//! }
//!
//! #[utoipa::path(post, path = "/signup", responses((status = 201, description = "Registered"), SignupError))]
//! async fn signup() {}
//!
//! #[derive(utoipa::OpenApi)]
//! #[openapi(paths(signup), components(schemas(onus::Problem)))]
//! struct Api;
//!
//! use utoipa::OpenApi;
//! let document = serde_json::to_value(Api::openapi()).unwrap();
//! let responses = &document["paths"]["/signup"]["post"]["responses"];
//! assert_eq!(responses["409"]["content"]["application/problem+json"]["schema"]["allOf"][1]["properties"]["code"]["enum"], serde_json::json!(["signup.taken"]));
//! // A system error's example shows the generic text, never its own.
//! assert_eq!(responses["503"]["content"]["application/problem+json"]["examples"]["signup.store"]["value"]["detail"], "an internal error occurred");
//! ```
//!
//! Each response's body is an `allOf` of `#/components/schemas/Problem` (register it with
//! `components(schemas(onus::Problem))`: utoipa collects no schema from an `IntoResponses` type)
//! and an object that restricts `status` to the response's status and `code` to the codes
//! answered with it. Each code has an example body: `detail` is the declared `public` text, a
//! business error's `#[error("...")]` text when it has no placeholder, or, for a system error
//! without `public`, [`GENERIC_SYSTEM_MESSAGE`](crate::GENERIC_SYSTEM_MESSAGE); never a system
//! error's own text.
//!
//! A `transparent` variant answers what the wrapped type answers, a `via` variant what its
//! function's return type answers: each must be documented as well, which a derived type and
//! axum's extractor rejections are. A hand-written `Classified` type is not: a derived type that
//! wraps one has no responses, and naming it in `#[utoipa::path]` fails to compile.
//!
//! A handler that answers with several error types (its own, an extractor's) names them with
//! [`OneOf`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, Ref, Schema, Type};
use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};

use crate::problem::reason_phrase;
use crate::{Class, Problem, StatusCode};

/// Not public API: one answer a type can give, as its API document shows it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentedAnswer {
    /// The class: the response's description says whose onus its codes are.
    pub class: Class,
    /// The status.
    pub status: StatusCode,
    /// The code.
    pub code: &'static str,
    /// The example body's `detail`: a text every value of the variant shows, where there is one.
    pub detail: Option<&'static str>,
}

/// Not public API: the answers a type documents. The derive implements it next to
/// [`utoipa::IntoResponses`], which reads it; a `transparent` or `via` variant adds the answers
/// of the type it delegates to. A trait of onus's own rather than `IntoResponses` itself, so that
/// onus can document types of other crates (axum's rejections), which the orphan rule forbids
/// for utoipa's trait.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not document its answers for OpenAPI",
    label = "a `transparent` or `via` variant answers what this type answers",
    note = "with onus's feature `utoipa`, what a variant delegates to must derive `onus::Classify` too"
)]
pub trait Documented {
    /// Adds every answer of the type to `documentation`: its own, and through
    /// [`Documentation::document`], those of the types it delegates to.
    fn document(documentation: &mut Documentation);
}

/// Not public API: the answers documented so far, and the types being documented, so that a
/// type that wraps itself (`Nested(Box<Self>)`, directly or through another type) is documented
/// once instead of recursing forever. Types are told apart by [`std::any::type_name`], which
/// needs no `'static` bound.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Documentation {
    answers: Vec<DocumentedAnswer>,
    within: Vec<&'static str>,
}

impl Documentation {
    /// Every answer of `T`.
    pub(crate) fn of<T: Documented + ?Sized>() -> Vec<DocumentedAnswer> {
        let mut documentation = Self::default();
        documentation.document::<T>();
        documentation.answers
    }

    /// Adds the answers of `T`, unless `T` is being documented already.
    pub fn document<T: Documented + ?Sized>(&mut self) {
        let name = std::any::type_name::<T>();
        if self.within.contains(&name) {
            return;
        }
        self.within.push(name);
        T::document(self);
        self.within.pop();
    }

    /// Adds answers a type declares itself.
    pub fn extend(&mut self, answers: impl IntoIterator<Item = DocumentedAnswer>) {
        self.answers.extend(answers);
    }
}

/// Not public API: the answers of what a `via` variant's function returns, its type inferred
/// from the function (the derive sees only the function's path).
#[doc(hidden)]
pub fn document_via<F: ?Sized, T: Documented>(
    function: fn(&F) -> T,
    documentation: &mut Documentation,
) {
    let _ = function;
    documentation.document::<T>();
}

/// Not public API: the body of a derived [`utoipa::IntoResponses::responses`].
#[doc(hidden)]
#[must_use]
pub fn responses<T: Documented + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    let answers = Documentation::of::<T>();
    // Two variants may answer the same code (a wrapped type reached twice): one example each.
    let mut by_status: BTreeMap<u16, BTreeMap<&'static str, DocumentedAnswer>> = BTreeMap::new();
    for answer in answers {
        by_status
            .entry(answer.status.as_u16())
            .or_default()
            .entry(answer.code)
            .or_insert(answer);
    }
    by_status
        .into_iter()
        .map(|(status, answers)| {
            let response = status_response(status, &answers);
            (status.to_string(), response.into())
        })
        .collect()
}

/// The response of one status: the `Problem` schema restricted to its codes, an example each.
fn status_response(
    status: u16,
    answers: &BTreeMap<&'static str, DocumentedAnswer>,
) -> ResponseBuilder {
    let mut codes = Vec::new();
    let mut examples = Vec::new();
    let mut classes = Vec::new();
    let mut listed = String::new();
    for answer in answers.values() {
        let reason = reason_phrase(answer.status);
        if !classes.contains(&answer.class.as_str()) {
            classes.push(answer.class.as_str());
        }
        listed.push_str(&format!(" `{}`", answer.code));
        codes.push(answer.code);
        let mut example = serde_json::json!({
            "type": Problem::ABOUT_BLANK,
            "title": reason,
            "status": status,
            "code": answer.code,
        });
        if let Some(detail) = answer.detail {
            example["detail"] = detail.into();
        }
        examples.push((
            answer.code,
            ExampleBuilder::new()
                .summary(answer.code)
                .value(Some(example)),
        ));
    }
    let restriction = ObjectBuilder::new()
        .property(
            "status",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .enum_values(Some([status])),
        )
        .property(
            "code",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(codes)),
        );
    let schema = AllOfBuilder::new()
        .item(Ref::from_schema_name(Problem::SCHEMA_NAME))
        .item(restriction);
    let reason = answers
        .values()
        .next()
        .map_or("Error", |answer| reason_phrase(answer.status));
    // `Conflict (business): `a.exists` `b.taken``.
    let description = format!("{reason} ({}):{listed}", classes.join(", "));
    ResponseBuilder::new().description(description).content(
        Problem::CONTENT_TYPE,
        ContentBuilder::new()
            .schema(Some(schema))
            .examples_from_iter(examples)
            .build(),
    )
}

/// The responses of a handler that answers with the errors of several types: its own error
/// type and an extractor's, say. `responses((status = 201, description = "Registered"),
/// onus::openapi::OneOf<(SignupError, RequestError)>)`.
///
/// Listing the types one by one (`responses(SignupError, RequestError)`) would lose codes: utoipa
/// adds each type's responses after the other's, so where both answer a status (400), the last
/// type's response replaces the first's. `OneOf` merges them per status, every code kept.
///
/// ```
/// #[derive(Debug, thiserror::Error, onus::Classify)]
/// #[error("this email is already registered")]
/// #[onus(class = business, status = 400, severity = info, code = "signup.taken")]
/// struct Taken;
///
/// #[derive(Debug, thiserror::Error, onus::Classify)]
/// #[error("the body is not JSON")]
/// #[onus(class = business, status = 400, severity = info, code = "request.not_json")]
/// struct NotJson;
///
/// use utoipa::IntoResponses;
/// let responses = serde_json::to_value(onus::openapi::OneOf::<(Taken, NotJson)>::responses()).unwrap();
/// let codes = &responses["400"]["content"]["application/problem+json"]["schema"]["allOf"][1]["properties"]["code"]["enum"];
/// assert_eq!(codes, &serde_json::json!(["request.not_json", "signup.taken"]));
/// ```
#[derive(Debug)]
pub struct OneOf<T>(PhantomData<T>);

macro_rules! one_of {
    ($($ty:ident)*) => {
        // Not suggested in the error about a type that is not documented: it is no fix there.
        #[diagnostic::do_not_recommend]
        impl<$($ty: Documented),*> Documented for OneOf<($($ty,)*)> {
            fn document(documentation: &mut Documentation) {
                $(documentation.document::<$ty>();)*
            }
        }

        impl<$($ty: Documented),*> utoipa::IntoResponses for OneOf<($($ty,)*)> {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                responses::<Self>()
            }
        }
    };
}

one_of!(A B);
one_of!(A B C);
one_of!(A B C D);

impl Problem {
    /// The name of [`Problem`]'s schema among an OpenAPI document's components.
    const SCHEMA_NAME: &'static str = "Problem";
}

/// The RFC 9457 body as onus sends it; the descriptions are the catalog's
/// (`cargo onus catalog --format openapi`).
impl utoipa::PartialSchema for Problem {
    fn schema() -> RefOr<Schema> {
        let string = |description: &str| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(description))
        };
        ObjectBuilder::new()
            .description(Some(
                "An RFC 9457 problem-details body (`application/problem+json`), as onus answers a classified error. Match on `code`, not on `detail`.",
            ))
            .property(
                "type",
                string("The problem type; `about:blank` unless the service sets one.")
                    .format(Some(utoipa::openapi::SchemaFormat::Custom(
                        "uri-reference".to_owned(),
                    )))
                    .default(Some(Problem::ABOUT_BLANK.into())),
            )
            .required("type")
            .property("title", string("The status's reason phrase."))
            .required("title")
            .property(
                "status",
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(400))
                    .maximum(Some(599)),
            )
            .required("status")
            .property(
                "detail",
                string("What the client may be told: a business error's message, or a system error's public text (never its internal message)."),
            )
            .required("detail")
            .property("code", string("The stable machine-readable error code."))
            .required("code")
            .property(
                "error_id",
                string("The id of the log event that explains the failure (every error, business or system); quote it to support."),
            )
            .property(
                "instance",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(utoipa::openapi::SchemaFormat::Custom(
                        "uri-reference".to_owned(),
                    ))),
            )
            .into()
    }
}

impl utoipa::ToSchema for Problem {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed(Self::SCHEMA_NAME)
    }
}

/// Not public API: `Documented` and `utoipa::IntoResponses` for a type deriving `Classify`,
/// invoked by the derive (when onus's feature `utoipa` is on) as
///
/// `__integrate_utoipa! { impl [IMPL_GENERICS] [TYPE] where [PREDICATES,]
/// { CLASS STATUS "CODE" "DETAIL"?; ... } { (WRAPPED_TYPE) ... } { (FIELD_TYPE) (VIA_FN) ... } }`:
/// each declared answer (`Business _409 "signup.taken" "this email is taken";`, the detail left
/// out when no text is fixed), then each transparent variant's wrapped type, then each `via`
/// variant's field type and function.
#[doc(hidden)]
#[macro_export]
macro_rules! __onus_integrate_utoipa {
    (
        impl [$($generics:tt)*] [$($ty:tt)*] where [$($predicates:tt)*]
        { $($class:ident $status:ident $code:literal $($detail:literal)?;)* }
        { $(($($wrapped:tt)*))* }
        { $(($($field:tt)*) ($($function:tt)*))* }
    ) => {
        impl $($generics)* $crate::__private::Documented for $($ty)*
        where
            $($predicates)*
        {
            fn document(documentation: &mut $crate::__private::Documentation) {
                documentation.extend([$(
                    $crate::__private::DocumentedAnswer {
                        class: $crate::__private::Class::$class,
                        status: $crate::__private::status::$status,
                        code: $code,
                        detail: $crate::__private::Option::None
                            $(.or($crate::__private::Option::Some($detail)))?,
                    },
                )*]);
                $(documentation.document::<$($wrapped)*>();)*
                $($crate::__private::document_via::<$($field)*, _>($($function)*, documentation);)*
            }
        }

        impl $($generics)* $crate::__private::utoipa::IntoResponses for $($ty)*
        where
            $($predicates)*
        {
            fn responses() -> $crate::__private::BTreeMap<
                $crate::__private::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::__private::openapi_responses::<Self>()
            }
        }
    };
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use utoipa::{IntoResponses, PartialSchema};

    use super::*;
    use crate::test_support::Generic;

    #[test]
    fn the_macro_documents_a_generic_type_from_its_declarations() {
        let responses = serde_json::to_value(Generic::<u8>::responses()).unwrap();
        let body = &responses["502"]["content"]["application/problem+json"];
        assert_eq!(
            body["schema"]["allOf"][1]["properties"]["code"]["enum"],
            serde_json::json!(["generic"])
        );
        assert_eq!(
            body["examples"]["generic"]["value"]["detail"],
            crate::GENERIC_SYSTEM_MESSAGE
        );
    }

    struct Answers;

    impl Documented for Answers {
        fn document(documentation: &mut Documentation) {
            let answer = |class, status, code, detail| DocumentedAnswer {
                class,
                status,
                code,
                detail,
            };
            documentation.extend([
                answer(
                    Class::Business,
                    StatusCode::CONFLICT,
                    "b.taken",
                    Some("taken"),
                ),
                answer(Class::Business, StatusCode::CONFLICT, "a.exists", None),
                answer(
                    Class::System,
                    StatusCode::SERVICE_UNAVAILABLE,
                    "store",
                    Some("later"),
                ),
                // Reached a second time through another variant.
                answer(Class::Business, StatusCode::CONFLICT, "a.exists", None),
            ]);
        }
    }

    impl IntoResponses for Answers {
        fn responses() -> BTreeMap<String, RefOr<Response>> {
            responses::<Self>()
        }
    }

    #[test]
    fn one_response_per_status_with_its_codes_and_an_example_each() {
        let responses = serde_json::to_value(Answers::responses()).unwrap();
        assert_eq!(
            responses.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["409", "503"]
        );
        let conflict = &responses["409"];
        assert_eq!(
            conflict["description"],
            "Conflict (business): `a.exists` `b.taken`"
        );
        let body = &conflict["content"]["application/problem+json"];
        assert_eq!(
            body["schema"]["allOf"][0]["$ref"],
            "#/components/schemas/Problem"
        );
        assert_eq!(
            body["schema"]["allOf"][1]["properties"]["code"]["enum"],
            serde_json::json!(["a.exists", "b.taken"])
        );
        assert_eq!(
            body["schema"]["allOf"][1]["properties"]["status"]["enum"],
            serde_json::json!([409])
        );
        assert_eq!(
            body["examples"]["b.taken"]["value"],
            serde_json::json!({
                "type": "about:blank",
                "title": "Conflict",
                "status": 409,
                "detail": "taken",
                "code": "b.taken",
            })
        );
        assert!(
            body["examples"]["a.exists"]["value"]
                .get("detail")
                .is_none()
        );
        assert_eq!(
            responses["503"]["content"]["application/problem+json"]["examples"]["store"]["value"]["detail"],
            "later"
        );
    }

    /// An error that wraps itself (`Nested(Box<Self>)`) is documented once, without recursing.
    struct Nested;

    impl Documented for Nested {
        fn document(documentation: &mut Documentation) {
            documentation.extend([DocumentedAnswer {
                class: Class::Business,
                status: StatusCode::BAD_REQUEST,
                code: "nested.own",
                detail: None,
            }]);
            documentation.document::<Self>();
            documentation.document::<Answers>();
        }
    }

    #[test]
    fn a_type_that_wraps_itself_is_documented_once() {
        let codes: Vec<&str> = Documentation::of::<Nested>()
            .iter()
            .map(|answer| answer.code)
            .collect();
        assert_eq!(
            codes,
            ["nested.own", "b.taken", "a.exists", "store", "a.exists"]
        );
    }

    #[test]
    fn the_problem_schema_requires_what_every_body_carries() {
        let schema = serde_json::to_value(Problem::schema()).unwrap();
        assert_eq!(
            schema["required"],
            serde_json::json!(["type", "title", "status", "detail", "code"])
        );
        for member in [
            "type", "title", "status", "detail", "code", "error_id", "instance",
        ] {
            assert!(schema["properties"].get(member).is_some(), "{member}");
        }
        let problem =
            Problem::from_reported(&Generic(1), crate::ErrorId::new()).with_instance("/x");
        let body = serde_json::to_value(problem).unwrap();
        for member in body.as_object().unwrap().keys() {
            assert!(
                schema["properties"].get(member).is_some(),
                "{member} is not in the schema"
            );
        }
    }
}
