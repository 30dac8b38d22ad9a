mod routes;

pub use routes::handle;
