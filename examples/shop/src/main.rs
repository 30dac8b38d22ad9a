//! Serves the shop on `PORT` (default 3000), charging cards through `PAYMENTS_URL`, or through a
//! fake payment provider started in-process when it is not set. Logs are JSON lines on stdout.

use std::process::ExitCode;

use shop::{Config, Shop, app};

/// Why the shop could not start or stopped serving.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = fatal, runbook = "docs/runbooks/startup.md")]
enum StartupError {
    /// `PORT` is set but is not a port number.
    #[error("PORT must be a port number, it is {0:?}")]
    #[onus(code = "startup.invalid_port")]
    InvalidPort(String, #[source] std::num::ParseIntError),
    /// A variable is set but is not Unicode.
    #[error("an environment variable is not valid Unicode")]
    #[onus(code = "startup.invalid_env")]
    InvalidEnv(#[source] std::env::VarError),
    /// The socket could not be bound or served.
    #[error("cannot serve")]
    #[onus(code = "startup.serve")]
    Serve(#[source] std::io::Error),
    /// The payment provider's client could not be built.
    #[error(transparent)]
    #[onus(transparent)]
    Payments(#[from] shop::provider::ProviderError),
}

/// The variable's value; `None` when it is not set at all.
#[onus::check(deny)]
fn env(name: &str) -> Result<Option<String>, StartupError> {
    match std::env::var(name) {
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(error) => Err(StartupError::InvalidEnv(error)),
    }
}

#[onus::check(deny)]
async fn run() -> Result<(), StartupError> {
    let port = match env("PORT")? {
        Some(port) => port
            .parse::<u16>()
            .map_err(|error| StartupError::InvalidPort(port, error))?,
        None => 3000,
    };
    // Without a provider configured, one is started here so that the example runs alone.
    let mut provider = None;
    let payments_url = match env("PAYMENTS_URL")? {
        Some(url) => url,
        None => {
            let started = fake_payments::Provider::start()
                .await
                .map_err(StartupError::Serve)?;
            tracing::info!(
                url = started.url(),
                "PAYMENTS_URL is not set: using the fake payment provider"
            );
            provider.insert(started).url()
        }
    };
    let shop = Shop::new(&Config::new(payments_url))?;
    tokio::spawn(shop.mail_worker.run());
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(StartupError::Serve)?;
    let address = listener.local_addr().map_err(StartupError::Serve)?;
    tracing::info!(%address, "the shop is listening");
    axum::serve(listener, app(shop.state))
        .await
        .map_err(StartupError::Serve)
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt().json().init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            onus::report(&error);
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use onus::{Class, Classified, Severity};

    use super::StartupError;

    /// Every startup error is ours, fatal, and points the operator at the startup runbook.
    fn assert_fatal_startup(error: &StartupError, code: &str) {
        assert_eq!(error.code(), code);
        assert_eq!(error.class(), Class::System);
        assert_eq!(error.severity(), Severity::Fatal);
        assert_eq!(error.runbook(), Some("docs/runbooks/startup.md"));
    }

    #[test]
    fn a_port_that_is_not_a_number_stops_the_start() {
        let Err(cause) = "http".parse::<u16>() else {
            panic!("`http` parsed as a port");
        };
        let error = StartupError::InvalidPort("http".to_owned(), cause);
        assert_fatal_startup(&error, "startup.invalid_port");
        assert!(error.to_string().contains("\"http\""), "{error}");
    }

    #[test]
    fn a_variable_that_is_not_unicode_stops_the_start() {
        let error = StartupError::InvalidEnv(std::env::VarError::NotUnicode("\u{fffd}".into()));
        assert_fatal_startup(&error, "startup.invalid_env");
    }

    #[test]
    fn a_socket_that_cannot_be_served_stops_the_start() {
        let error = StartupError::Serve(std::io::Error::other("address in use"));
        assert_fatal_startup(&error, "startup.serve");
        assert!(std::error::Error::source(&error).is_some());
    }
}
