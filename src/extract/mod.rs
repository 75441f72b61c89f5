//! Article -> facts. (Interface only in the skeleton; the rules land with the extraction work.)

use crate::facts::Fact;
use crate::source::Article;

/// Every fact stated in `article`, in order of appearance, with stable ids.
pub fn extract(article: &Article) -> Vec<Fact> {
    let _ = article;
    Vec::new()
}
