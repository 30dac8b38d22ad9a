//! tonic: every variant of the test enum becomes the `tonic::Status` that code.proto's mapping
//! asks for, carrying only the public message, and the HTTP/2 response headers a tonic server
//! sends for it hold no internal text.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod http_support;

use http_support::{
    CASES, SECRET, check_declarations, error_for, start_logging, take_report_events,
};
use tonic::{Code, Status};

fn expected_code(status: u16) -> Code {
    match status {
        400 => Code::InvalidArgument,
        402 => Code::FailedPrecondition,
        409 => Code::AlreadyExists,
        500 => Code::Internal,
        502 | 503 => Code::Unavailable,
        other => panic!("no expectation for {other}"),
    }
}

#[test]
fn every_variant_maps_to_its_grpc_status() {
    let _serial = start_logging();
    check_declarations();
    for case in CASES {
        let name = case.name;
        let status: Status = error_for(name).into();
        assert_eq!(status.code(), expected_code(case.status), "{name}");
        assert_eq!(status.message(), case.detail, "{name}");
        assert_eq!(
            status.metadata().get("error-code").unwrap(),
            case.code,
            "{name}"
        );

        let events = take_report_events();
        assert_eq!(events.len(), 1, "{name}: {events:#?}");
        let event = &events[0];
        assert_eq!(event["level"], case.level, "{name}");
        assert_eq!(event["fields"]["code"], case.code, "{name}");
        match status.metadata().get("error-id") {
            Some(id) => {
                assert!(case.system, "{name}: business errors carry no id");
                assert_eq!(event["fields"]["error_id"], id.to_str().unwrap(), "{name}");
                assert!(
                    event.to_string().contains(SECRET),
                    "{name}: the log keeps the text"
                );
            }
            None => assert!(!case.system, "{name}: system errors carry their id"),
        }

        // What goes on the wire: a trailers-only response.
        let response = status.into_http::<()>();
        assert_eq!(
            response.headers()["grpc-status"],
            (expected_code(case.status) as i32).to_string()
        );
        for (header, value) in response.headers() {
            let value = String::from_utf8_lossy(value.as_bytes());
            assert!(
                !value.contains(SECRET),
                "{name}: secret in {header}: {value}"
            );
        }
    }
}
