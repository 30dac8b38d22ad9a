//! [`Classified`] for actix-web's extractor errors, and the extractor configurations that
//! answer them through [`Reply`]; the codes are documented on the `onus::actix` module.

use actix_web::ResponseError;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use actix_web::web::{FormConfig, JsonConfig, PathConfig, QueryConfig, ServiceConfig};

use super::from_actix;
use crate::{Class, Classified, PublicMessage, Reply, Severity, StatusCode};

/// Registers `Json`, `Form`, `Path` and `Query` configurations whose error handlers answer an
/// extractor's error through [`Reply`]: problem+json with actix's status and text, reported
/// once, with a `request.<kind>` code.
///
/// ```
/// use actix_web::{App, web};
///
/// let app = App::new()
///     .configure(onus::actix::extractor_configs)
///     .route("/items/{id}", web::get().to(|id: web::Path<u32>| async move { id.to_string() }));
/// ```
///
/// They replace actix's defaults, whose limits they keep (2 MB for JSON, 256 kB for forms). A
/// service that needs another limit registers its own configuration after this one, with
/// `.error_handler(|error, _| onus::Reply(error).into())`.
pub fn extractor_configs(config: &mut ServiceConfig) {
    config
        .app_data(JsonConfig::default().error_handler(|error, _| Reply(error).into()))
        .app_data(FormConfig::default().error_handler(|error, _| Reply(error).into()))
        .app_data(PathConfig::default().error_handler(|error, _| Reply(error).into()))
        .app_data(QueryConfig::default().error_handler(|error, _| Reply(error).into()));
}

/// `Classified` for an actix extractor error: actix's status (its `ResponseError`), the class
/// and severity that status implies, the code `$code` computes, and actix's text for a 4xx.
macro_rules! classify_extractor_errors {
    ($($error:ty => |$this:ident| $code:expr,)*) => {$(
        impl Classified for $error {
            fn class(&self) -> Class {
                if ResponseError::status_code(self).is_server_error() {
                    Class::System
                } else {
                    Class::Business
                }
            }

            fn status(&self) -> StatusCode {
                from_actix(ResponseError::status_code(self))
            }

            fn severity(&self) -> Severity {
                match self.class() {
                    Class::Business => Severity::Info,
                    Class::System => Severity::Error,
                }
            }

            fn code(&self) -> &'static str {
                let $this = self;
                $code
            }

            fn public_message(&self) -> PublicMessage<'_> {
                match self.class() {
                    Class::Business => PublicMessage::display(self),
                    Class::System => PublicMessage::generic(),
                }
            }
        }
    )*};
}

classify_extractor_errors! {
    JsonPayloadError => |error| match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            "request.body_too_large"
        }
        JsonPayloadError::ContentType => "request.json_content_type",
        JsonPayloadError::Deserialize(json) if json.is_data() => "request.json_data",
        JsonPayloadError::Deserialize(_) => "request.json_syntax",
        JsonPayloadError::Payload(_) => "request.body_unreadable",
        _ => "request.invalid",
    },
    UrlencodedError => |error| match error {
        UrlencodedError::Overflow { .. } => "request.body_too_large",
        UrlencodedError::UnknownLength => "request.body_length_required",
        UrlencodedError::ContentType => "request.form_content_type",
        UrlencodedError::Chunked | UrlencodedError::Parse(_) | UrlencodedError::Encoding => {
            "request.form"
        }
        UrlencodedError::Payload(_) => "request.body_unreadable",
        _ => "request.invalid",
    },
    PathError => |_error| "request.path",
    QueryPayloadError => |_error| "request.query",
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn extractor_errors_keep_actixs_status_and_text() {
        let syntax = serde_json::from_str::<u32>("x").unwrap_err();
        let data = serde_json::from_str::<u32>("\"x\"").unwrap_err();
        let cases: [(&dyn Classified, u16, &str); 5] = [
            (
                &JsonPayloadError::ContentType,
                400,
                "request.json_content_type",
            ),
            (
                &JsonPayloadError::Deserialize(syntax),
                400,
                "request.json_syntax",
            ),
            (
                &JsonPayloadError::Deserialize(data),
                400,
                "request.json_data",
            ),
            (
                &JsonPayloadError::Overflow { limit: 1 },
                413,
                "request.body_too_large",
            ),
            (
                &UrlencodedError::ContentType,
                415,
                "request.form_content_type",
            ),
        ];
        for (error, status, code) in cases {
            assert_eq!(error.status().as_u16(), status, "{code}");
            assert_eq!(error.class(), Class::Business, "{code}");
            assert_eq!(error.severity(), Severity::Info, "{code}");
            assert_eq!(error.code(), code);
            assert_eq!(error.public_message().to_string(), error.to_string());
        }
    }
}
