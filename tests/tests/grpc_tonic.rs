//! tonic: every variant of the test enum becomes the `tonic::Status` that code.proto's mapping
//! asks for, carrying only the public message; in process, and end to end through a real tonic
//! server on 127.0.0.1:0 called by a real tonic client.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod http_support;

use http_support::{
    CASES, REPLY_CASES, SECRET, check_declarations, error_for, legacy_error_for, start_logging,
    take_report_events,
};
use std::convert::Infallible;
use std::future::Ready;
use std::task::{Context, Poll};
use std::time::Duration;

use tonic::body::Body;
use tonic::client::Grpc;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::codegen::http::uri::PathAndQuery;
use tonic::codegen::{Service, http};
use tonic::metadata::KeyAndValueRef;
use tonic::transport::server::TcpIncoming;
use tonic::{Code, Status};
use tonic_types::StatusExt;

fn expected_code(status: u16) -> Code {
    match status {
        400 => Code::InvalidArgument,
        402 | 423 => Code::FailedPrecondition,
        404 => Code::NotFound,
        409 => Code::AlreadyExists,
        500 => Code::Internal,
        502 | 503 => Code::Unavailable,
        other => panic!("no expectation for {other}"),
    }
}

#[test]
fn a_hand_written_classified_answers_through_reply() {
    let _serial = start_logging();
    for case in REPLY_CASES {
        let name = case.name;
        let status = Status::from(onus::Reply(legacy_error_for(name)));
        assert_eq!(status.code(), expected_code(case.status), "{name}");
        assert_eq!(status.message(), case.detail, "{name}");
        assert!(!format!("{status:?}").contains(SECRET), "{name}");
        assert_eq!(
            status.metadata().get("error-code").unwrap(),
            case.code,
            "{name}"
        );
        let events = take_report_events();
        assert_eq!(events.len(), 1, "{name}: {events:#?}");
        let id = status.metadata().get("error-id").unwrap();
        assert_eq!(
            events[0]["fields"]["error_id"],
            id.to_str().unwrap(),
            "{name}"
        );
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
        // Business and system errors alike carry the id of their log event.
        let id = status.metadata().get("error-id").unwrap();
        assert_eq!(event["fields"]["error_id"], id.to_str().unwrap(), "{name}");
        if case.system {
            assert!(
                event.to_string().contains(SECRET),
                "{name}: the log keeps the text"
            );
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

/// A gRPC service whose every method fails with the case named by the method, through
/// `From<ApiError> for tonic::Status`: what a generated service does with a handler's error.
#[derive(Clone)]
struct Failing;

impl Service<http::Request<Body>> for Failing {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let method = request.uri().path().rsplit('/').next().unwrap_or_default();
        let status = Status::from(error_for(method));
        std::future::ready(Ok(status.into_http()))
    }
}

/// Messages without content: the calls under test only ever fail.
#[derive(Clone, Copy)]
struct EmptyCodec;

impl Codec for EmptyCodec {
    type Encode = ();
    type Decode = ();
    type Encoder = EmptyCodec;
    type Decoder = EmptyCodec;

    fn encoder(&mut self) -> Self::Encoder {
        *self
    }
    fn decoder(&mut self) -> Self::Decoder {
        *self
    }
}

impl Encoder for EmptyCodec {
    type Item = ();
    type Error = Status;

    fn encode(&mut self, (): (), _: &mut EncodeBuf<'_>) -> Result<(), Status> {
        Ok(())
    }
}

impl Decoder for EmptyCodec {
    type Item = ();
    type Error = Status;

    fn decode(&mut self, _: &mut DecodeBuf<'_>) -> Result<Option<()>, Status> {
        Ok(Some(()))
    }
}

#[test]
fn every_variant_answers_over_a_tonic_server() {
    let _serial = start_logging();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(
            tonic::transport::Server::builder()
                .serve_with_incoming(Failing, TcpIncoming::from(listener)),
        );
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{address}"))
            .unwrap()
            .timeout(Duration::from_secs(10))
            .connect()
            .await
            .unwrap();
        let mut client = Grpc::new(channel);
        for case in CASES {
            let name = case.name;
            client.ready().await.unwrap();
            let path = PathAndQuery::try_from(format!("/onus.test.Cases/{name}")).unwrap();
            let outcome: Result<tonic::Response<()>, Status> = client
                .unary(tonic::Request::new(()), path, EmptyCodec)
                .await;
            let status = outcome.expect_err("every case fails");
            assert_eq!(status.code(), expected_code(case.status), "{name}");
            assert_eq!(status.message(), case.detail, "{name}");
            assert!(!format!("{status:?}").contains(SECRET), "{name}");
            for entry in status.metadata().iter() {
                if let KeyAndValueRef::Ascii(key, value) = entry {
                    let value = value.to_str().unwrap_or_default();
                    assert!(!value.contains(SECRET), "{name}: secret in {key}");
                }
            }
            // The rich details, as a gRPC client reads them: the code, the declared status, the
            // error id and the declared delay; never the error's text.
            let details = status.get_error_details();
            assert!(!format!("{details:?}").contains(SECRET), "{name}");
            let info = details.error_info().expect("an ErrorInfo");
            assert_eq!(info.reason, case.code, "{name}");
            assert_eq!(
                info.metadata["http_status"],
                case.status.to_string(),
                "{name}"
            );
            let id = status.metadata().get("error-id").unwrap();
            assert_eq!(
                details.request_info().map(|info| info.request_id.as_str()),
                Some(id.to_str().unwrap()),
                "{name}"
            );
            if let Some(seconds) = case.retry_after {
                let delay = Duration::from_secs(seconds.parse().unwrap());
                assert_eq!(
                    details.retry_info().and_then(|retry| retry.retry_delay),
                    Some(delay),
                    "{name}"
                );
                assert_eq!(
                    onus::client::Reaction::for_grpc_status(&status).retry,
                    onus::client::Retry::After(delay),
                    "{name}"
                );
            }
            let events = take_report_events();
            assert_eq!(events.len(), 1, "{name}: {events:#?}");
            assert_eq!(events[0]["level"], case.level, "{name}");
            assert_eq!(
                events[0]["fields"]["error_id"],
                id.to_str().unwrap(),
                "{name}"
            );
            if case.system {
                assert!(events[0].to_string().contains(SECRET), "{name}");
            }
        }
        server.abort();
    });
}
