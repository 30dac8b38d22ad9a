//! The client of the card-payment provider: every way a charge can fail, classified, and
//! retries with exponential backoff and jitter where a failure may pass.

use std::time::Duration;

use fake_payments::{Charge, ChargeRequest};
use onus::Classified;
use onus::backon::{ExponentialBuilder, Retryable};

/// Why a charge failed.
///
/// The retry predicate is [`Classified::retryable`]: a declined card stays declined, an
/// overloaded provider may recover.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum ProviderError {
    /// The provider declined the card: the customer's to fix, with another card.
    #[error("the card was declined")]
    #[onus(class = business, status = 402, severity = info, code = "payment.declined")]
    Declined,
    /// The provider does not accept this card number.
    #[error("the card number is not valid")]
    #[onus(class = business, status = 422, severity = info, code = "payment.invalid_card")]
    InvalidCard,
    /// The provider is failing or overloaded (it answered 5xx or 429).
    #[error("the payment provider answered {status}")]
    #[onus(
        class = system,
        status = 503,
        severity = error,
        code = "payment.provider_unavailable",
        public = "payments are temporarily unavailable, please try again later",
        runbook = "docs/runbooks/payment.provider_unavailable.md"
    )]
    Unavailable {
        /// The provider's status.
        status: u16,
    },
    /// The provider could not be reached.
    #[error("the payment provider cannot be reached")]
    #[onus(
        class = system,
        status = 503,
        severity = error,
        code = "payment.provider_unreachable",
        public = "payments are temporarily unavailable, please try again later",
        runbook = "docs/runbooks/payment.provider_unreachable.md"
    )]
    Unreachable(#[source] reqwest::Error),
    /// The provider did not answer in time.
    #[error("the payment provider did not answer in time")]
    #[onus(
        class = system,
        status = 504,
        severity = error,
        code = "payment.provider_timeout",
        public = "the payment could not be confirmed in time; please check the order before paying again",
        runbook = "docs/runbooks/payment.provider_timeout.md"
    )]
    Timeout(#[source] reqwest::Error),
    /// The provider refused the request itself (a 4xx other than a declined or invalid card):
    /// our request or our configuration is wrong, and sending it again changes nothing.
    #[error("the payment provider rejected the request with {status}")]
    #[onus(
        class = system,
        status = 502,
        severity = error,
        retryable = false,
        code = "payment.provider_rejected",
        runbook = "docs/runbooks/payment.provider_rejected.md"
    )]
    Rejected {
        /// The provider's status.
        status: u16,
    },
    /// The provider's answer is not what its API documents. Retrying the same request would get
    /// the same answer, so it is not retried.
    #[error("the payment provider's answer cannot be read")]
    #[onus(
        class = system,
        status = 502,
        severity = error,
        retryable = false,
        code = "payment.provider_bad_response",
        runbook = "docs/runbooks/payment.provider_bad_response.md"
    )]
    BadResponse(#[source] reqwest::Error),
}

#[onus::check(deny)]
impl ProviderError {
    fn from_transport(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Self::Timeout(error)
        } else if error.is_decode() {
            Self::BadResponse(error)
        } else {
            Self::Unreachable(error)
        }
    }
}

/// The payment provider's client.
#[derive(Debug, Clone)]
pub struct PaymentsClient {
    http: reqwest::Client,
    base_url: String,
    retry: ExponentialBuilder,
}

#[onus::check(deny)]
impl PaymentsClient {
    /// A client of the provider at `base_url` (e.g. `http://127.0.0.1:4242`) that gives up on
    /// one attempt after `timeout` and retries as `retry` says (`onus::retry::policy()` in
    /// production).
    ///
    /// # Errors
    ///
    /// When the HTTP client cannot be built (no TLS backend, a broken system configuration).
    pub fn new(
        base_url: String,
        timeout: Duration,
        retry: ExponentialBuilder,
    ) -> Result<Self, ProviderError> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(ProviderError::Unreachable)?;
        Ok(Self {
            http,
            base_url,
            retry,
        })
    }

    /// Charges `amount_cents` to `card` for order `order_id`, retrying the failures that may
    /// pass.
    ///
    /// The order id is the idempotency key: a retry after a timeout must not charge twice. (The
    /// fake provider ignores it; a real one deduplicates on it.)
    ///
    /// # Errors
    ///
    /// The last failure, once retrying is pointless or the policy gives up.
    pub async fn charge(
        &self,
        order_id: u64,
        amount_cents: u64,
        card: &str,
    ) -> Result<Charge, ProviderError> {
        (|| self.try_charge(order_id, amount_cents, card))
            .retry(self.retry)
            .sleep(tokio::time::sleep)
            .when(onus::retry::is_retryable)
            .notify(|error: &ProviderError, delay: Duration| {
                tracing::warn!(%error, code = error.code(), ?delay, order_id, "charge failed, retrying");
            })
            .await
    }

    async fn try_charge(
        &self,
        order_id: u64,
        amount_cents: u64,
        card: &str,
    ) -> Result<Charge, ProviderError> {
        let request = ChargeRequest {
            amount_cents,
            card: card.to_owned(),
        };
        let response = self
            .http
            .post(format!("{}/v1/charges", self.base_url))
            .header("idempotency-key", format!("order-{order_id}"))
            .json(&request)
            .send()
            .await
            .map_err(ProviderError::from_transport)?;
        let status = response.status();
        if status.is_success() {
            return response.json().await.map_err(ProviderError::from_transport);
        }
        Err(match status {
            reqwest::StatusCode::PAYMENT_REQUIRED => ProviderError::Declined,
            reqwest::StatusCode::BAD_REQUEST => ProviderError::InvalidCard,
            status
                if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS =>
            {
                ProviderError::Unavailable {
                    status: status.as_u16(),
                }
            }
            status => ProviderError::Rejected {
                status: status.as_u16(),
            },
        })
    }
}
