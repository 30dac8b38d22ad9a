//! [`Classified`] for axum's extractor rejections; the codes are documented on the `onus::axum`
//! module.

use axum::extract::rejection::{
    BytesRejection, FailedToBufferBody, FailedToDeserializeForm, FailedToDeserializeFormBody,
    FailedToDeserializePathParams, FailedToDeserializeQueryString, FormRejection,
    InvalidFormContentType, JsonDataError, JsonRejection, JsonSyntaxError, LengthLimitError,
    MissingJsonContentType, MissingPathParams, PathRejection, QueryRejection, UnknownBodyError,
};

use crate::{Class, Classified, PublicMessage, Severity, StatusCode};

/// A rejection's class follows axum's status: a 4xx is the caller's, a 5xx the service's.
fn class_of(status: StatusCode) -> Class {
    if status.is_server_error() {
        Class::System
    } else {
        Class::Business
    }
}

/// The caller reads a business rejection's text to fix the request; a system one is logged loudly.
fn severity_of(status: StatusCode) -> Severity {
    match class_of(status) {
        Class::Business => Severity::Info,
        Class::System => Severity::Error,
    }
}

/// axum's body text for a business rejection (its `Display`), the generic text for a system one.
fn public_of<'a>(status: StatusCode, text: PublicMessage<'a>) -> PublicMessage<'a> {
    match class_of(status) {
        Class::Business => text,
        Class::System => PublicMessage::generic(),
    }
}

/// `Classified` for rejections whose `Display` is their body text, each with its code.
macro_rules! classify_rejections {
    ($($rejection:ty => $code:literal,)*) => {$(
        impl Classified for $rejection {
            fn class(&self) -> Class {
                class_of(<$rejection>::status(self))
            }

            fn status(&self) -> StatusCode {
                <$rejection>::status(self)
            }

            fn severity(&self) -> Severity {
                severity_of(<$rejection>::status(self))
            }

            fn code(&self) -> &'static str {
                $code
            }

            fn public_message(&self) -> PublicMessage<'_> {
                public_of(<$rejection>::status(self), PublicMessage::display(self))
            }
        }
    )*};
}

classify_rejections! {
    JsonDataError => "request.json_data",
    JsonSyntaxError => "request.json_syntax",
    MissingJsonContentType => "request.json_content_type",
    InvalidFormContentType => "request.form_content_type",
    FailedToDeserializeForm => "request.form",
    FailedToDeserializeFormBody => "request.form_body",
    FailedToDeserializeQueryString => "request.query",
    MissingPathParams => "request.path_missing",
    LengthLimitError => "request.body_too_large",
    UnknownBodyError => "request.body_unreadable",
}

/// Its body text is `Invalid URL: ` and the error kind, not its `Display` (the kind alone).
impl Classified for FailedToDeserializePathParams {
    fn class(&self) -> Class {
        class_of(FailedToDeserializePathParams::status(self))
    }

    fn status(&self) -> StatusCode {
        FailedToDeserializePathParams::status(self)
    }

    fn severity(&self) -> Severity {
        severity_of(FailedToDeserializePathParams::status(self))
    }

    fn code(&self) -> &'static str {
        "request.path"
    }

    fn public_message(&self) -> PublicMessage<'_> {
        public_of(
            FailedToDeserializePathParams::status(self),
            PublicMessage::prefixed("Invalid URL: ", self.kind()),
        )
    }
}

/// Calls `$then!` with every composite rejection and the rejections it wraps, written once for
/// what classifies them and what documents them.
macro_rules! with_composites {
    ($then:ident) => {
        $then! {
            JsonRejection { JsonDataError, JsonSyntaxError, MissingJsonContentType, BytesRejection }
            FormRejection {
                InvalidFormContentType, FailedToDeserializeForm, FailedToDeserializeFormBody, BytesRejection
            }
            QueryRejection { FailedToDeserializeQueryString }
            PathRejection { FailedToDeserializePathParams, MissingPathParams }
            BytesRejection { FailedToBufferBody }
            FailedToBufferBody { LengthLimitError, UnknownBodyError }
        }
    };
}

/// `Classified` for axum's composite rejections: each answers as the rejection it holds. The
/// enums are `#[non_exhaustive]`; a variant a later axum adds answers with axum's status and
/// text under `request.invalid`.
macro_rules! classify_composites {
    ($($rejection:ident { $($variant:ident),* })*) => {$(
        impl Classified for $rejection {
            fn class(&self) -> Class {
                class_of($rejection::status(self))
            }

            fn status(&self) -> StatusCode {
                $rejection::status(self)
            }

            fn severity(&self) -> Severity {
                severity_of($rejection::status(self))
            }

            fn code(&self) -> &'static str {
                match self {
                    $(Self::$variant(inner) => Classified::code(inner),)*
                    _ => "request.invalid",
                }
            }

            fn public_message(&self) -> PublicMessage<'_> {
                match self {
                    $(Self::$variant(inner) => Classified::public_message(inner),)*
                    _ => public_of($rejection::status(self), PublicMessage::display(self)),
                }
            }
        }
    )*};
}

with_composites!(classify_composites);

/// What each rejection can answer, for the OpenAPI document of a type that wraps one
/// `transparent` (feature `utoipa`): axum's statuses, as the table of `onus::axum` lists them.
/// The text of a business rejection is axum's and varies, so its example shows none.
#[cfg(feature = "utoipa")]
mod documented {
    use super::*;
    use crate::GENERIC_SYSTEM_MESSAGE;
    use crate::openapi::{Documentation, Documented, DocumentedAnswer};

    fn answer(status: StatusCode, code: &'static str) -> DocumentedAnswer {
        let class = class_of(status);
        DocumentedAnswer {
            class,
            status,
            code,
            detail: match class {
                Class::Business => None,
                Class::System => Some(GENERIC_SYSTEM_MESSAGE),
            },
        }
    }

    macro_rules! document_rejections {
        ($($rejection:ty => [$($status:ident $code:literal),*],)*) => {$(
            impl Documented for $rejection {
                fn document(documentation: &mut Documentation) {
                    documentation.extend([$(answer(StatusCode::$status, $code)),*]);
                }
            }
        )*};
    }

    document_rejections! {
        JsonDataError => [UNPROCESSABLE_ENTITY "request.json_data"],
        JsonSyntaxError => [BAD_REQUEST "request.json_syntax"],
        MissingJsonContentType => [UNSUPPORTED_MEDIA_TYPE "request.json_content_type"],
        InvalidFormContentType => [UNSUPPORTED_MEDIA_TYPE "request.form_content_type"],
        FailedToDeserializeForm => [BAD_REQUEST "request.form"],
        FailedToDeserializeFormBody => [UNPROCESSABLE_ENTITY "request.form_body"],
        FailedToDeserializeQueryString => [BAD_REQUEST "request.query"],
        FailedToDeserializePathParams => [
            BAD_REQUEST "request.path",
            INTERNAL_SERVER_ERROR "request.path"
        ],
        MissingPathParams => [INTERNAL_SERVER_ERROR "request.path_missing"],
        LengthLimitError => [PAYLOAD_TOO_LARGE "request.body_too_large"],
        UnknownBodyError => [BAD_REQUEST "request.body_unreadable"],
    }

    /// A composite answers what each rejection it holds answers.
    macro_rules! document_composites {
        ($($rejection:ident { $($variant:ident),* })*) => {$(
            impl Documented for $rejection {
                fn document(documentation: &mut Documentation) {
                    $(documentation.document::<$variant>();)*
                }
            }
        )*};
    }

    with_composites!(document_composites);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use std::collections::HashMap;

    use axum::body::Body;
    use axum::extract::{Form, FromRequest, Json, Path, Query};
    use axum::http::Request;
    use axum::response::IntoResponse;

    use super::*;
    use crate::GENERIC_SYSTEM_MESSAGE;

    type Fields = HashMap<String, u32>;

    /// The rejection extractor `T` gives for `request` (`M`: axum's marker for extractors of
    /// the request's parts).
    fn rejection<T: FromRequest<(), M>, M>(request: Request<Body>) -> T::Rejection {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        match runtime.block_on(T::from_request(request, &())) {
            Ok(_) => panic!("the extractor accepted the request"),
            Err(rejection) => rejection,
        }
    }

    fn post(content_type: Option<&str>, body: &'static str) -> Request<Body> {
        let mut request = Request::post("/");
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        request.body(Body::from(body)).unwrap()
    }

    /// A business rejection keeps axum's status and answers with axum's body text.
    fn assert_business<R: Classified>(rejection: &R, status: u16, code: &str, body_text: &str) {
        assert_eq!(rejection.status().as_u16(), status, "{code}");
        assert_eq!(rejection.class(), Class::Business, "{code}");
        assert_eq!(rejection.severity(), Severity::Info, "{code}");
        assert_eq!(rejection.code(), code);
        assert_eq!(rejection.public_message().to_string(), body_text, "{code}");
    }

    #[test]
    fn json_rejections_keep_axums_status_and_text() {
        let missing = rejection::<Json<Fields>, _>(post(None, "{}"));
        let text = missing.body_text();
        assert_business(&missing, 415, "request.json_content_type", &text);

        let syntax = rejection::<Json<Fields>, _>(post(Some("application/json"), "{"));
        let text = syntax.body_text();
        assert_business(&syntax, 400, "request.json_syntax", &text);

        let data = rejection::<Json<Fields>, _>(post(Some("application/json"), r#"{"a": "x"}"#));
        let text = data.body_text();
        assert!(text.contains("invalid type"), "{text}");
        assert_business(&data, 422, "request.json_data", &text);
    }

    #[test]
    fn form_and_query_rejections_keep_axums_status_and_text() {
        let form = rejection::<Form<Fields>, _>(post(None, "a=1"));
        let text = form.body_text();
        assert_business(&form, 415, "request.form_content_type", &text);

        let body =
            rejection::<Form<Fields>, _>(post(Some("application/x-www-form-urlencoded"), "a=x"));
        let text = body.body_text();
        assert_business(&body, 422, "request.form_body", &text);

        let query =
            rejection::<Query<Fields>, _>(Request::get("/?a=x").body(Body::empty()).unwrap());
        let text = query.body_text();
        assert_business(&query, 400, "request.query", &text);
    }

    #[test]
    fn a_path_that_does_not_fit_the_route_is_the_services_fault() {
        // No router matched the request: the handler's `Path` has no parameters to read.
        let missing = rejection::<Path<u32>, _>(Request::get("/7").body(Body::empty()).unwrap());
        assert_eq!(missing.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(missing.class(), Class::System);
        assert_eq!(missing.severity(), Severity::Error);
        assert_eq!(missing.code(), "request.path_missing");
        assert_eq!(missing.public_message().to_string(), GENERIC_SYSTEM_MESSAGE);
    }

    /// Every rejection these tests provoke is among what its type documents.
    #[cfg(feature = "utoipa")]
    #[test]
    fn the_documented_answers_hold_what_axum_answers() {
        use crate::openapi::{Documentation, Documented};

        fn assert_documented<R: Classified + Documented>(rejection: &R) {
            let answers = Documentation::of::<R>();
            assert!(
                answers
                    .iter()
                    .any(|answer| (answer.status, answer.code)
                        == (rejection.status(), rejection.code())),
                "{} {} is not documented: {answers:?}",
                rejection.status(),
                rejection.code()
            );
        }
        let json = |content_type, body| rejection::<Json<Fields>, _>(post(content_type, body));
        assert_documented(&json(None, "{}"));
        assert_documented(&json(Some("application/json"), "{"));
        assert_documented(&json(Some("application/json"), r#"{"a": "x"}"#));
        let form = |content_type, body| rejection::<Form<Fields>, _>(post(content_type, body));
        assert_documented(&form(None, "a=1"));
        assert_documented(&form(Some("application/x-www-form-urlencoded"), "a=x"));
        let get = |uri| Request::get(uri).body(Body::empty()).unwrap();
        assert_documented(&rejection::<Query<Fields>, _>(get("/?a=x")));
        assert_documented(&rejection::<Path<u32>, _>(get("/7")));
    }

    #[test]
    fn a_rejection_answers_as_problem_json_through_reply() {
        let data = rejection::<Json<Fields>, _>(post(Some("application/json"), r#"{"a": "x"}"#));
        let response = crate::Reply(data).into_response();
        assert_eq!(response.status(), 422);
        assert_eq!(
            response.headers()["content-type"],
            crate::Problem::CONTENT_TYPE
        );
    }
}
