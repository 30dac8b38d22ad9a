//! The mail job: handlers queue mails, a worker delivers them, retrying what may pass, and puts
//! what cannot be delivered on a dead-letter list with the id of its log event.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use onus::backon::{ExponentialBuilder, Retryable};
use onus::{Classified, ErrorId};
use tokio::sync::mpsc;

/// Why a mail was not delivered.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum MailError {
    /// The mail worker is gone, so nothing queued will be delivered.
    #[error("the mail queue is closed: the mail worker has stopped")]
    #[onus(
        class = system,
        status = 503,
        severity = error,
        code = "mail.queue_closed",
        runbook = "docs/runbooks/mail.queue_closed.md"
    )]
    QueueClosed(#[source] mpsc::error::SendError<MailJob>),
    /// The relay does not accept mail right now.
    #[error("the mail relay refused the connection")]
    #[onus(
        class = system,
        status = 503,
        severity = error,
        code = "mail.relay_unavailable",
        runbook = "docs/runbooks/mail.relay_unavailable.md"
    )]
    RelayUnavailable,
    /// The recipient's mailbox does not exist: the address the customer gave is wrong. The
    /// address is personal data, so the log carries the code, not the text.
    #[error("mailbox {0} does not exist")]
    #[onus(class = business, status = 422, severity = info, sensitive, code = "mail.bounced")]
    Bounced(String),
}

/// A mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailJob {
    /// Welcome a new customer.
    Welcome {
        /// The customer's address.
        to: String,
    },
    /// Confirm a payment.
    Receipt {
        /// The customer's address.
        to: String,
        /// The paid order.
        order_id: u64,
    },
}

impl MailJob {
    /// Where the mail goes.
    #[must_use]
    pub fn recipient(&self) -> &str {
        match self {
            MailJob::Welcome { to } | MailJob::Receipt { to, .. } => to,
        }
    }
}

/// A mail that was given up on, and the log event that says why.
#[derive(Debug, Clone)]
pub struct DeadLetter {
    /// The mail.
    pub job: MailJob,
    /// Why it was given up on: [`Classified::code`] of the last error.
    pub code: &'static str,
    /// The id of the log event [`onus::report`] wrote for it.
    pub error_id: ErrorId,
}

/// Where the handlers queue mails.
#[derive(Debug, Clone)]
pub struct MailQueue {
    sender: mpsc::UnboundedSender<MailJob>,
}

#[onus::check(deny)]
impl MailQueue {
    /// Queues `job` for the worker.
    ///
    /// # Errors
    ///
    /// [`MailError::QueueClosed`], holding the job, when the worker has stopped.
    pub fn enqueue(&self, job: MailJob) -> Result<(), MailError> {
        self.sender.send(job).map_err(MailError::QueueClosed)
    }
}

/// A stand-in for an SMTP relay. Mailboxes at `bounce.example` do not exist; for mailboxes at
/// `greylist.example` the relay refuses the first attempt and accepts the next (greylisting);
/// for mailboxes at `down.example` it is always down.
#[derive(Debug, Default)]
pub struct Relay {
    greylisted: Mutex<Vec<String>>,
    delivered: Mutex<Vec<MailJob>>,
    dead_letters: Mutex<Vec<DeadLetter>>,
}

/// A poisoned lock means a thread panicked while holding it; the lists it guards are only ever
/// changed by single `push`es, so they are still consistent and are used as they are.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[onus::check(deny)]
impl Relay {
    fn deliver(&self, job: &MailJob) -> Result<(), MailError> {
        let to = job.recipient();
        if to.ends_with("@bounce.example") {
            return Err(MailError::Bounced(to.to_owned()));
        }
        if to.ends_with("@down.example") {
            return Err(MailError::RelayUnavailable);
        }
        if to.ends_with("@greylist.example") {
            let mut greylisted = lock(&self.greylisted);
            if !greylisted.iter().any(|seen| seen == to) {
                greylisted.push(to.to_owned());
                return Err(MailError::RelayUnavailable);
            }
        }
        lock(&self.delivered).push(job.clone());
        Ok(())
    }

    /// Every mail delivered so far.
    #[must_use]
    pub fn delivered(&self) -> Vec<MailJob> {
        lock(&self.delivered).clone()
    }

    /// Every mail given up on so far.
    #[must_use]
    pub fn dead_letters(&self) -> Vec<DeadLetter> {
        lock(&self.dead_letters).clone()
    }
}

/// The worker that delivers queued mails.
#[derive(Debug)]
pub struct MailWorker {
    jobs: mpsc::UnboundedReceiver<MailJob>,
    relay: Arc<Relay>,
    retry: ExponentialBuilder,
}

/// A new queue and the worker that empties it through `relay`, retrying as `retry` says.
#[must_use]
pub fn queue(relay: Arc<Relay>, retry: ExponentialBuilder) -> (MailQueue, MailWorker) {
    let (sender, jobs) = mpsc::unbounded_channel();
    (MailQueue { sender }, MailWorker { jobs, relay, retry })
}

#[onus::check(deny)]
impl MailWorker {
    /// Delivers every queued mail until every [`MailQueue`] is dropped.
    ///
    /// A mail that cannot be delivered is reported once, with its final error, and kept as a
    /// [`DeadLetter`] under the id of that report: a business error (a wrong address) at its
    /// own low severity, a system error (the relay stayed down) loudly enough to act on.
    pub async fn run(mut self) {
        while let Some(job) = self.jobs.recv().await {
            let relay = &self.relay;
            let delivered = (|| async { relay.deliver(&job) })
                .retry(self.retry)
                .sleep(tokio::time::sleep)
                .when(onus::retry::is_retryable)
                .notify(|error: &MailError, delay: Duration| {
                    tracing::warn!(%error, code = error.code(), ?delay, "mail not delivered, retrying");
                })
                .await;
            if let Err(error) = delivered {
                let error_id = onus::report(&error);
                lock(&relay.dead_letters).push(DeadLetter {
                    job,
                    code: error.code(),
                    error_id,
                });
            }
        }
    }
}
