//! Following `#[onus(transparent)]` and `#[onus(via = ...)]`: a transparent variant answers
//! whatever the error it wraps answers, a `via` variant whatever its function returns, so the
//! catalog lists the answers of that type when it is a classified type of the same catalog.
//!
//! The type is known only by name ([`Answer::answered_by`](super::Answer::answered_by): the wrapped type as written, the
//! function's return type as its signature says). A name that two classified types share is not
//! followed (which one is meant cannot be told), nor is a type already being followed (a cycle:
//! its answers are listed where the cycle starts).

use std::collections::HashMap;

use super::{ErrorType, ErrorVariant};

/// The classified types of one catalog by name, to follow transparent variants into the types
/// they wrap.
///
/// ```
/// use onus_lints::catalog::{Answer, Delegations};
///
/// let source = r#"
///     #[derive(onus::Classify)]
///     enum PaymentError {
///         #[onus(transparent)]
///         Provider(provider::ProviderError),
///     }
///     #[derive(onus::Classify)]
///     #[onus(class = system, status = 503, severity = error)]
///     struct ProviderError;
/// "#;
/// let report = onus_lints::check(
///     vec![onus_lints::Input::Source { test_code: false, path: "lib.rs".into(), text: source.into() }],
///     &onus_lints::Config::default(),
/// );
/// let types = &report.error_types;
/// let delegations = Delegations::new(types);
/// let payment = types.iter().find(|ty| ty.name == "PaymentError").unwrap();
/// let answers = delegations.of(payment, &payment.variants[0]).unwrap();
/// assert_eq!(answers[0].variant.path(answers[0].ty), "ProviderError");
/// assert!(matches!(answers[0].variant.answer, Answer::Declared(_)));
/// ```
#[derive(Debug)]
pub struct Delegations<'a> {
    /// `None` for a name that two or more types share.
    by_name: HashMap<&'a str, Option<&'a ErrorType>>,
}

/// One answer that a transparent or `via` variant gives through the type it delegates to.
#[derive(Debug, Clone)]
pub struct Delegated<'a> {
    /// The transparent and `via` variants the answer passes through on the way, outermost
    /// first; empty when the type delegated to declares it itself.
    pub through: Vec<(&'a ErrorType, &'a ErrorVariant)>,
    /// The type of the variant that answers.
    pub ty: &'a ErrorType,
    /// The variant that answers: one that declares, or a transparent or `via` one whose type
    /// cannot be followed (not in the catalog, not found, a shared name, or a cycle).
    pub variant: &'a ErrorVariant,
}

impl<'a> Delegations<'a> {
    /// Indexes `types` by name.
    #[must_use]
    pub fn new(types: &'a [ErrorType]) -> Self {
        let mut by_name: HashMap<&str, Option<&ErrorType>> = HashMap::new();
        for ty in types {
            by_name
                .entry(ty.name.as_str())
                .and_modify(|seen| *seen = None)
                .or_insert(Some(ty));
        }
        Self { by_name }
    }

    /// The answers of `ty`'s `variant` through the type it delegates to, in declaration order,
    /// nested delegations followed in place. `None` when the variant declares its own answer, or
    /// its type cannot be followed: then the catalog shows it as it is written.
    #[must_use]
    pub fn of(&self, ty: &'a ErrorType, variant: &'a ErrorVariant) -> Option<Vec<Delegated<'a>>> {
        let inner = variant.answer.answered_by()?;
        let mut followed = vec![ty.name.as_str()];
        let inner = self.followable(inner, &followed)?;
        let mut answers = Vec::new();
        self.collect(inner, &mut followed, &mut Vec::new(), &mut answers);
        Some(answers)
    }

    /// The one type named `name`, unless it is being followed already.
    fn followable(&self, name: &str, followed: &[&str]) -> Option<&'a ErrorType> {
        if followed.contains(&name) {
            return None;
        }
        self.by_name.get(name).copied().flatten()
    }

    fn collect(
        &self,
        ty: &'a ErrorType,
        followed: &mut Vec<&'a str>,
        through: &mut Vec<(&'a ErrorType, &'a ErrorVariant)>,
        answers: &mut Vec<Delegated<'a>>,
    ) {
        followed.push(&ty.name);
        for variant in &ty.variants {
            let inner = variant
                .answer
                .answered_by()
                .and_then(|inner| self.followable(inner, followed));
            match inner {
                Some(inner) => {
                    through.push((ty, variant));
                    self.collect(inner, followed, through, answers);
                    through.pop();
                }
                None => answers.push(Delegated {
                    through: through.clone(),
                    ty,
                    variant,
                }),
            }
        }
        followed.pop();
    }
}
