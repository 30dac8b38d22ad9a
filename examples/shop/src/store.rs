//! An in-memory stand-in for the database, which can be taken down like a real one.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::Serialize;

/// The database failed: always ours to fix, never the caller's.
///
/// A duplicate email is not here: it is an answer of [`Store::insert_user`], because a
/// business outcome is a return value, not an error the store raises.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum StoreError {
    /// The database does not accept connections.
    #[error("connection to the database refused")]
    #[onus(
        class = system,
        status = 503,
        severity = error,
        retry_after = 5,
        code = "store.unavailable",
        public = "the shop is temporarily unavailable, please try again shortly",
        runbook = "docs/runbooks/store.unavailable.md"
    )]
    Unavailable,
}

/// A customer.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    /// The customer's email address, which identifies them.
    pub email: String,
    /// Never serialized.
    #[serde(skip)]
    pub password_hash: u64,
}

/// An order.
#[derive(Debug, Clone, Serialize)]
pub struct Order {
    /// The order's number.
    pub id: u64,
    /// Who ordered.
    pub email: String,
    /// What it costs, in cents.
    pub total_cents: u64,
    /// The payment provider's id of the charge, once paid.
    pub charge_id: Option<String>,
}

/// The outcome of [`Store::insert_user`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// The user was stored.
    Created,
    /// A user with this email already exists; nothing was stored.
    AlreadyExists,
}

/// The database.
#[derive(Debug, Default)]
pub struct Store {
    users: Mutex<HashMap<String, User>>,
    orders: Mutex<HashMap<u64, Order>>,
    last_order_id: AtomicU64,
    down: AtomicBool,
}

/// A poisoned lock means a thread panicked while holding it; the maps it guards are only ever
/// changed by single `insert`s, so their contents are still consistent and are used as they are.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[onus::check(deny)]
impl Store {
    /// Simulates the database going down (`true`) or coming back (`false`).
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::Relaxed);
    }

    fn connect(&self) -> Result<(), StoreError> {
        if self.down.load(Ordering::Relaxed) {
            return Err(StoreError::Unavailable);
        }
        Ok(())
    }

    /// The user with this email, if there is one.
    ///
    /// # Errors
    ///
    /// When the database is down.
    pub fn user(&self, email: &str) -> Result<Option<User>, StoreError> {
        self.connect()?;
        Ok(lock(&self.users).get(email).cloned())
    }

    /// Stores `user` unless one with the same email exists.
    ///
    /// # Errors
    ///
    /// When the database is down.
    pub fn insert_user(&self, user: User) -> Result<Inserted, StoreError> {
        self.connect()?;
        let mut users = lock(&self.users);
        if users.contains_key(&user.email) {
            return Ok(Inserted::AlreadyExists);
        }
        users.insert(user.email.clone(), user);
        Ok(Inserted::Created)
    }

    /// Stores a new, unpaid order.
    ///
    /// # Errors
    ///
    /// When the database is down.
    pub fn insert_order(&self, email: &str, total_cents: u64) -> Result<Order, StoreError> {
        self.connect()?;
        let id = self.last_order_id.fetch_add(1, Ordering::Relaxed) + 1;
        let order = Order {
            id,
            email: email.to_owned(),
            total_cents,
            charge_id: None,
        };
        lock(&self.orders).insert(id, order.clone());
        Ok(order)
    }

    /// The order with this number, if there is one.
    ///
    /// # Errors
    ///
    /// When the database is down.
    pub fn order(&self, id: u64) -> Result<Option<Order>, StoreError> {
        self.connect()?;
        Ok(lock(&self.orders).get(&id).cloned())
    }

    /// Records that `order` was paid with `charge_id`, and returns it as it is now.
    ///
    /// # Errors
    ///
    /// When the database is down.
    pub fn mark_paid(&self, order: &Order, charge_id: &str) -> Result<Order, StoreError> {
        self.connect()?;
        let paid = Order {
            charge_id: Some(charge_id.to_owned()),
            ..order.clone()
        };
        lock(&self.orders).insert(order.id, paid.clone());
        Ok(paid)
    }
}
