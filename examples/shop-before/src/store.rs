//! An in-memory stand-in for the database, which can be taken down like a real one.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("connection to the database refused")]
    Unavailable,
    #[error("duplicate key: {0}")]
    Duplicate(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub email: String,
    #[serde(skip)]
    pub password_hash: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Order {
    pub id: u64,
    pub email: String,
    pub total_cents: u64,
    pub charge_id: Option<String>,
}

#[derive(Debug, Default)]
pub struct Store {
    users: Mutex<HashMap<String, User>>,
    orders: Mutex<HashMap<u64, Order>>,
    last_order_id: AtomicU64,
    down: AtomicBool,
}

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

    pub fn user(&self, email: &str) -> Result<Option<User>, StoreError> {
        self.connect()?;
        let users = self.users.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(users.get(email).cloned())
    }

    pub fn insert_user(&self, user: User) -> Result<(), StoreError> {
        self.connect()?;
        let mut users = self.users.lock().unwrap_or_else(PoisonError::into_inner);
        if users.contains_key(&user.email) {
            return Err(StoreError::Duplicate(user.email));
        }
        users.insert(user.email.clone(), user);
        Ok(())
    }

    pub fn insert_order(&self, email: &str, total_cents: u64) -> Result<Order, StoreError> {
        self.connect()?;
        let id = self.last_order_id.fetch_add(1, Ordering::Relaxed) + 1;
        let order = Order {
            id,
            email: email.to_owned(),
            total_cents,
            charge_id: None,
        };
        let mut orders = self.orders.lock().unwrap_or_else(PoisonError::into_inner);
        orders.insert(id, order.clone());
        Ok(order)
    }

    pub fn order(&self, id: u64) -> Result<Option<Order>, StoreError> {
        self.connect()?;
        let orders = self.orders.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(orders.get(&id).cloned())
    }

    pub fn mark_paid(&self, id: u64, charge_id: &str) -> Result<(), StoreError> {
        self.connect()?;
        let mut orders = self.orders.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(order) = orders.get_mut(&id) {
            order.charge_id = Some(charge_id.to_owned());
        }
        Ok(())
    }
}
