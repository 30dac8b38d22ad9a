/// A ping failed.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum PingError {
    /// No pong came back.
    #[error("ping timed out")]
    #[onus(class = system, status = 504, severity = error, code = "ping.timeout")]
    Timeout,
    /// The pong side failed.
    #[error(transparent)]
    #[onus(transparent)]
    Pong(#[from] PongError),
}

/// A pong failed.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum PongError {
    /// The pong was lost.
    #[error("pong lost")]
    #[onus(class = system, status = 502, severity = error, code = "pong.lost")]
    Lost,
    /// The remote's own ping failed: another crate's `PingError`, which has the same name as
    /// the one above, so by name the two types wrap each other.
    #[error(transparent)]
    #[onus(transparent)]
    Ping(#[from] remote::PingError),
}
