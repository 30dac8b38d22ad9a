//! Test helpers: capturing `tracing` events, and error fixtures for the framework integrations.

// The fixtures serve the integration tests, which exist only when a framework feature is on.
#![cfg_attr(
    not(any(feature = "axum", feature = "actix", feature = "tonic")),
    allow(dead_code)
)]

use std::fmt;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};

/// One captured event: its level, target and every field, rendered as text.
#[derive(Debug, Clone)]
pub(crate) struct Captured {
    pub(crate) level: Level,
    pub(crate) target: String,
    pub(crate) fields: Vec<(String, String)>,
}

impl Captured {
    /// The value of field `name`, if the event has it.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default, Clone)]
struct Capture(Arc<Mutex<Vec<Captured>>>);

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl<S: Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        self.0.lock().unwrap().push(Captured {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields: fields.0,
        });
    }
}

/// Every event `f` emits on this thread.
pub(crate) fn capture(f: impl FnOnce()) -> Vec<Captured> {
    let capture = Capture::default();
    let subscriber = Registry::default().with(capture.clone());
    tracing::subscriber::with_default(subscriber, f);
    capture.0.lock().unwrap().clone()
}

/// A marker that must never reach a client.
pub(crate) const SECRET: &str = "SECRET-5b8e";

/// A hand-written `Classified` whose texts carry [`SECRET`], as a user without the derive
/// would write it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Secretive {
    /// 409, business, info.
    Taken,
    /// 500, system, error, with a source.
    Broken,
    /// 503, system, warn, retryable after 1.5 s.
    Busy,
}

#[derive(Debug)]
pub(crate) struct Cause;

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dsn postgres://admin:{SECRET}@db")
    }
}

impl std::error::Error for Cause {}

impl fmt::Display for Secretive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Taken => f.write_str("this name is taken"),
            Self::Broken => write!(f, "query failed: {SECRET}"),
            Self::Busy => write!(f, "pool of {SECRET} exhausted"),
        }
    }
}

impl std::error::Error for Secretive {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Broken => Some(&Cause),
            _ => None,
        }
    }
}

impl crate::Classified for Secretive {
    fn class(&self) -> crate::Class {
        match self {
            Self::Taken => crate::Class::Business,
            Self::Broken | Self::Busy => crate::Class::System,
        }
    }
    fn status(&self) -> crate::StatusCode {
        match self {
            Self::Taken => crate::StatusCode::CONFLICT,
            Self::Broken => crate::StatusCode::INTERNAL_SERVER_ERROR,
            Self::Busy => crate::StatusCode::SERVICE_UNAVAILABLE,
        }
    }
    fn severity(&self) -> crate::Severity {
        match self {
            Self::Taken => crate::Severity::Info,
            Self::Broken => crate::Severity::Error,
            Self::Busy => crate::Severity::Warn,
        }
    }
    fn code(&self) -> &'static str {
        match self {
            Self::Taken => "secretive.taken",
            Self::Broken => "secretive.broken",
            Self::Busy => "secretive.busy",
        }
    }
    fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            Self::Busy => Some(std::time::Duration::from_millis(1500)),
            _ => None,
        }
    }
    fn public_message(&self) -> crate::PublicMessage<'_> {
        match self {
            Self::Taken => crate::PublicMessage::display(self),
            Self::Broken | Self::Busy => crate::PublicMessage::generic(),
        }
    }
}

// Every enabled integration, exactly as the derive would request it.
crate::__onus_integrate! { impl [] [Secretive] where [] }

/// A generic error, to prove the integrations carry generics and where-clauses over.
#[derive(Debug)]
pub(crate) struct Generic<T>(pub(crate) T);

impl<T: fmt::Debug> fmt::Display for Generic<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "generic failure {:?} {SECRET}", self.0)
    }
}

impl<T: fmt::Debug> std::error::Error for Generic<T> {}

impl<T: fmt::Debug> crate::Classified for Generic<T> {
    fn class(&self) -> crate::Class {
        crate::Class::System
    }
    fn status(&self) -> crate::StatusCode {
        crate::StatusCode::BAD_GATEWAY
    }
    fn severity(&self) -> crate::Severity {
        crate::Severity::Warn
    }
    fn code(&self) -> &'static str {
        "generic"
    }
    fn public_message(&self) -> crate::PublicMessage<'_> {
        crate::PublicMessage::generic()
    }
}

crate::__onus_integrate! { impl [<T>] [Generic<T>] where [T: fmt::Debug + Send + 'static,] }

#[cfg(feature = "utoipa")]
crate::__onus_integrate_utoipa! {
    impl [<T>] [Generic<T>] where [T: fmt::Debug + Send + 'static,]
    { System _502 "generic" "an internal error occurred"; } {} {}
}
