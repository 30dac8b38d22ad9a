// With onus's feature `utoipa`, a type wrapping a hand-written `Classified` type (which documents
// no answers) has no OpenAPI answers: the derive compiles, a document that asks for them does not.

#[derive(Debug, thiserror::Error)]
#[error("hand-written")]
pub struct HandWritten;

impl onus::Classified for HandWritten {
    fn class(&self) -> onus::Class {
        onus::Class::System
    }
    fn status(&self) -> onus::StatusCode {
        onus::StatusCode::BAD_GATEWAY
    }
    fn severity(&self) -> onus::Severity {
        onus::Severity::Error
    }
    fn code(&self) -> &'static str {
        "hand_written"
    }
    fn public_message(&self) -> onus::PublicMessage<'_> {
        onus::PublicMessage::generic()
    }
}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum WrapperError {
    #[error(transparent)]
    #[onus(transparent)]
    HandWritten(#[from] HandWritten),
}

#[utoipa::path(get, path = "/", responses((status = 200, description = "Fine"), WrapperError))]
#[allow(dead_code)]
async fn handler() {}

fn main() {}
