//! The mail job: a worker that delivers the mails the handlers queue.

use tokio::sync::mpsc;

/// The first type the shop classified, when it added onus. Only the bounce has a test.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum MailError {
    #[error("mail relay refused the connection")]
    #[onus(class = system, status = 503, severity = error)]
    RelayDown,
    #[error("mailbox {0} does not exist")]
    #[onus(class = business, status = 422, severity = info)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailbox_that_does_not_exist_bounces() {
        let job = MailJob::Welcome {
            to: "nobody@bounce.example".to_owned(),
        };
        let bounced = Mailer::default().deliver(&job);
        assert!(matches!(bounced, Err(MailError::Bounced(to)) if to == "nobody@bounce.example"));
    }
}
