//! `cargo run -p notes [DATABASE] [ADDRESS]`: serves the notes of `DATABASE` (`notes.db` by
//! default) on `ADDRESS` (`127.0.0.1:3000`), logging one JSON line per error.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt().json().init();
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "notes.db".to_owned());
    let address = args.next().unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let db = match notes::db::Db::open(&path) {
        Ok(db) => db,
        Err(error) => {
            eprintln!("notes: cannot open the database {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("notes: cannot listen on {address}: {error}");
            return ExitCode::FAILURE;
        }
    };
    match axum::serve(listener, notes::app(db)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("notes: the server stopped: {error}");
            ExitCode::FAILURE
        }
    }
}
