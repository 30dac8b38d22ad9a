//! `POST /signup`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::AppState;
use crate::mail::MailJob;
use crate::store::{StoreError, User};

#[derive(Debug, Deserialize)]
pub struct SignupRequest {
    pub email: String,
    pub password: String,
}

pub async fn signup(
    State(state): State<AppState>,
    Json(request): Json<SignupRequest>,
) -> Result<(StatusCode, Json<User>), StatusCode> {
    if !request.email.contains('@') || request.password.len() < 12 {
        return Err(StatusCode::BAD_REQUEST);
    }
    let existing = state
        .store
        .user(&request.email)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    if existing.is_some() {
        return Err(StatusCode::CONFLICT);
    }
    let user = User {
        email: request.email,
        password_hash: hash(&request.password),
    };
    match state.store.insert_user(user.clone()) {
        Ok(()) => {}
        Err(StoreError::Duplicate(_)) => return Err(StatusCode::CONFLICT),
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR),
    }
    let _ = state.mail.send(MailJob::Welcome {
        to: user.email.clone(),
    });
    Ok((StatusCode::CREATED, Json(user)))
}

/// Not a password hash: a stand-in that keeps the example free of a crypto dependency.
fn hash(password: &str) -> u64 {
    password.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
