//! `POST /signup`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::AppState;
use crate::mail::MailJob;
use crate::request::{Json, RequestError};
use crate::store::{Inserted, StoreError, User};

/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 12;

/// Why a signup failed.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum SignupError {
    /// The email address the caller typed is personal data: the log carries the code, not it.
    #[error("{0:?} is not an email address")]
    #[onus(class = business, status = 400, severity = info, sensitive, code = "signup.invalid_email")]
    InvalidEmail(String),
    /// The password is too short.
    #[error("the password must be at least {MIN_PASSWORD_LEN} characters long")]
    #[onus(class = business, status = 400, severity = info, code = "signup.weak_password")]
    WeakPassword,
    /// Someone already signed up with this email.
    #[error("this email is already registered")]
    #[onus(class = business, status = 409, severity = info, code = "signup.email_taken")]
    EmailTaken,
    /// The database failed.
    #[error(transparent)]
    #[onus(transparent)]
    Store(#[from] StoreError),
}

/// The body of `POST /signup`.
#[derive(Debug, Deserialize)]
pub struct SignupRequest {
    /// The new customer's email address.
    pub email: String,
    /// The new customer's password.
    pub password: String,
}

/// Registers a customer and queues their welcome mail.
///
/// # Errors
///
/// A [`SignupError`]: its declaration is the answer.
#[utoipa::path(
    post,
    path = "/signup",
    responses(
        (status = 201, description = "The customer is registered"),
        onus::openapi::OneOf<(SignupError, RequestError)>,
    )
)]
#[onus::check(deny)]
pub async fn signup(
    State(state): State<AppState>,
    Json(request): Json<SignupRequest>,
) -> Result<(StatusCode, axum::Json<User>), SignupError> {
    if !request.email.contains('@') {
        return Err(SignupError::InvalidEmail(request.email));
    }
    if request.password.chars().count() < MIN_PASSWORD_LEN {
        return Err(SignupError::WeakPassword);
    }
    let user = User {
        email: request.email,
        password_hash: hash(&request.password),
    };
    if state.store.insert_user(user.clone())? == Inserted::AlreadyExists {
        return Err(SignupError::EmailTaken);
    }
    // The account exists now: a welcome mail that cannot be queued must not undo the signup,
    // but an operator must learn that the mail worker is gone.
    if let Err(error) = state.mail.enqueue(MailJob::Welcome {
        to: user.email.clone(),
    }) {
        onus::report(&error);
    }
    Ok((StatusCode::CREATED, axum::Json(user)))
}

/// Not a password hash: a stand-in that keeps the example free of a crypto dependency.
fn hash(password: &str) -> u64 {
    password.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
