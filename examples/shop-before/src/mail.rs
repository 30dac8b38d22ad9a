//! The mail job: a worker that delivers the mails the handlers queue.

use tokio::sync::mpsc;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail relay refused the connection")]
    RelayDown,
    #[error("mailbox {0} does not exist")]
    Bounced(String),
}

#[derive(Debug, Clone)]
pub enum MailJob {
    Welcome { to: String },
    Receipt { to: String, order_id: u64 },
}

impl MailJob {
    pub fn recipient(&self) -> &str {
        match self {
            MailJob::Welcome { to } | MailJob::Receipt { to, .. } => to,
        }
    }
}

/// A stand-in for an SMTP relay: addresses at `bounce.example` do not exist, and the relay is
/// down for addresses at `down.example`.
#[derive(Debug, Default)]
pub struct Mailer {
    pub delivered: std::sync::Mutex<Vec<MailJob>>,
}

impl Mailer {
    pub fn deliver(&self, job: &MailJob) -> Result<(), MailError> {
        let to = job.recipient();
        if to.ends_with("@bounce.example") {
            return Err(MailError::Bounced(to.to_owned()));
        }
        if to.ends_with("@down.example") {
            return Err(MailError::RelayDown);
        }
        self.delivered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(job.clone());
        Ok(())
    }
}

pub async fn run_worker(mut jobs: mpsc::UnboundedReceiver<MailJob>, mailer: Mailer) {
    while let Some(job) = jobs.recv().await {
        match mailer.deliver(&job) {
            Ok(()) => {}
            Err(_error) => tracing::error!(to = job.recipient(), "mail delivery failed"),
        }
    }
}
