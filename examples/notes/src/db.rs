//! The notes table, and how its errors answer.
//!
//! `rusqlite::Error` is another crate's type, so it cannot implement `onus::Classified` (the
//! orphan rule), and one value of it is the caller's problem (no such row) while every other is
//! ours. `db_failure` says which: `NoteError::Db` answers `#[onus(via = crate::db::db_failure)]`.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

/// How a database error answers: what [`db_failure`] makes of a `rusqlite::Error`.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum DbFailure {
    /// No note has this id: the caller asked for something that is not there.
    #[error("no such note")]
    #[onus(class = business, status = 404, severity = info, code = "note.not_found")]
    NotFound,
    /// The database failed: ours to fix; the caller may try again shortly.
    #[error("the notes database is unavailable")]
    #[onus(
        class = system,
        status = 503,
        severity = error,
        code = "note.db_unavailable",
        retry_after = 5,
        runbook = "docs/runbooks/note.db_unavailable.md"
    )]
    Unavailable,
}

/// `QueryReturnedNoRows` is a missing note (404); every other database error is an outage (503).
pub fn db_failure(error: &rusqlite::Error) -> DbFailure {
    match error {
        rusqlite::Error::QueryReturnedNoRows => DbFailure::NotFound,
        _ => DbFailure::Unavailable,
    }
}

/// A note as stored and served.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub title: String,
    pub body: String,
}

/// The notes database: one SQLite connection, shared by the handlers.
#[derive(Debug, Clone)]
pub struct Db {
    connection: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (and creates) the database at `path`; `:memory:` for one that lives as long as
    /// the process.
    pub fn open(path: &str) -> rusqlite::Result<Self> {
        let connection = Connection::open(path)?;
        connection.execute_batch(
            "CREATE TABLE IF NOT EXISTS notes (
                 id INTEGER PRIMARY KEY,
                 title TEXT NOT NULL,
                 body TEXT NOT NULL
             )",
        )?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    pub fn insert(&self, title: &str, body: &str) -> rusqlite::Result<Note> {
        let connection = self.lock();
        connection.execute(
            "INSERT INTO notes (title, body) VALUES (?1, ?2)",
            params![title, body],
        )?;
        Ok(Note {
            id: connection.last_insert_rowid(),
            title: title.to_owned(),
            body: body.to_owned(),
        })
    }

    /// The note `id`; `Err(QueryReturnedNoRows)` when there is none.
    pub fn get(&self, id: i64) -> rusqlite::Result<Note> {
        self.lock().query_row(
            "SELECT id, title, body FROM notes WHERE id = ?1",
            params![id],
            |row| {
                Ok(Note {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    body: row.get(2)?,
                })
            },
        )
    }

    /// Every note's title, in id order.
    pub fn titles(&self) -> rusqlite::Result<Vec<String>> {
        let connection = self.lock();
        let mut statement = connection.prepare("SELECT title FROM notes ORDER BY id")?;
        let titles = statement.query_map([], |row| row.get(0))?;
        titles.collect()
    }

    /// Runs `sql` as is: for operators (and for the tests, which break the schema on purpose).
    pub fn execute_batch(&self, sql: &str) -> rusqlite::Result<()> {
        self.lock().execute_batch(sql)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A handler that panicked while holding the connection left it usable: SQLite rolls
        // back what it had not committed.
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
