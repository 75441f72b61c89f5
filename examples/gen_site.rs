//! Generates a synthetic factsheet site for benchmarks: N articles of about 600 words in
//! `seeds/`, each with about 13 facts in `content/<slug>.yaml` whose quotes and spans are exact.
//! Deterministic: the same N gives the same bytes.
//!
//! Usage: cargo run --release --example gen_site -- N DIR [--hugo HUGO_DIR]
//!
//! With `--hugo`, the same articles and facts are also written as a Hugo site for comparison:
//! one content page per article with its facts in front matter, `kinds` and `subjects`
//! taxonomies whose term pages list the facts, RSS and a sitemap.

use std::fmt::Write as _;
use std::path::Path;

use factsheet::facts::{
    ArticleMeta, Fact, FactSheet, Kind, Number, Period, Qualifier, Unit, write,
};

/// A small deterministic generator (xorshift64*): benchmarks must see the same site each run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: [&str; 16] = [
    "nim", "bus", "or", "bit", "ly", "vex", "ta", "quo", "ra", "zen", "dal", "fin", "cor", "mo",
    "sa", "tel",
];
const SUFFIXES: [&str; 6] = ["Cloud", "Labs", "Systems", "Networks", "AI", "Pay"];
const MONEY_METRICS: [&str; 5] = [
    "quarterly revenue",
    "cloud revenue",
    "advertising revenue",
    "operating income",
    "subscription revenue",
];
const COUNT_METRICS: [&str; 4] = [
    "paying users",
    "active developers",
    "enterprise customers",
    "AI agents",
];
const PRODUCTS: [&str; 4] = ["storage", "inference", "database", "analytics"];
const FILLER: [&str; 8] = [
    "Analysts said the results reflected steady demand from enterprise customers across the region.",
    "The company did not comment on its plans for the coming months when asked by reporters.",
    "Competition in the sector has intensified as newcomers court the same corporate buyers.",
    "Executives pointed to investment in infrastructure as the main driver of the change.",
    "Several industry observers cautioned that conditions could shift quickly later in the year.",
    "The announcement came during a briefing for investors held at the company's headquarters.",
    "Partners welcomed the news, saying it would make planning for next year easier.",
    "Rivals have responded with offers of their own, though few have matched the terms.",
];

fn company(random: &mut Random) -> String {
    let mut name = String::new();
    for _ in 0..2 + random.below(2) {
        name.push_str(random.pick(&SYLLABLES));
    }
    let mut chars = name.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    format!("{first}{} {}", chars.as_str(), random.pick(&SUFFIXES))
}

/// How many companies the generated newsroom covers. Articles draw their subjects from this
/// pool, as a real stream of articles keeps returning to the same companies: at 10,000 articles
/// the site has about 1,500 subject pages, and about 11,600 pages in all, the size of site the
/// benchmark is specified for.
const COVERED_COMPANIES: u64 = 1_800;

/// One of the [`COVERED_COMPANIES`], named by its number in the pool.
fn covered_company(random: &mut Random) -> String {
    let number = random.next() % COVERED_COMPANIES;
    company(&mut Random(
        0x2545_f491_4f6c_dd1d ^ (number + 1).wrapping_mul(0x9e37_79b9),
    ))
}

/// One fact sentence and the fact it states (quote and span are filled in by the caller).
fn fact_sentence(random: &mut Random, subject: &str, year: i16, quarter: i8) -> (String, Fact) {
    let n = 5 + random.below(300);
    let (sentence, mut fact) = match random.below(5) {
        0 => {
            let metric = random.pick(&MONEY_METRICS);
            let text = format!("{n}%");
            let sentence =
                format!("In the quarter, {subject}'s {metric} grew by {text} year-over-year.");
            let mut fact = Fact::new(Kind::Growth, subject, text);
            fact.metric = Some(metric.to_string());
            fact.value = Some(Number(n as f64));
            fact.unit = Some(Unit::Percent);
            fact.basis = Some(factsheet::facts::Basis::YearOverYear);
            (sentence, fact)
        }
        1 => {
            let metric = random.pick(&MONEY_METRICS);
            let billions = n as f64 / 10.0;
            let text = format!("${billions} billion");
            let sentence = format!("{subject} reported {metric} of {text} for the period.");
            let mut fact = Fact::new(Kind::Money, subject, text);
            fact.metric = Some(metric.to_string());
            fact.value = Some(Number((billions * 1e9).round()));
            fact.unit = Some(Unit::Currency("USD".into()));
            (sentence, fact)
        }
        2 => {
            let metric = random.pick(&COUNT_METRICS);
            let text = format!("more than {n},000");
            let sentence = format!("{subject} now counts {text} {metric}.");
            let mut fact = Fact::new(Kind::Count, subject, text);
            fact.metric = Some(metric.to_string());
            fact.value = Some(Number(n as f64 * 1000.0));
            fact.unit = Some(Unit::Count);
            fact.qualifier = Some(Qualifier::Over);
            (sentence, fact)
        }
        3 => {
            let share = 1 + n % 60;
            let text = format!("{share}%");
            let product = random.pick(&PRODUCTS);
            let sentence = format!("{subject} holds {text} of the market for cloud {product}.");
            let mut fact = Fact::new(Kind::Share, subject, text);
            fact.metric = Some(format!("{product} market"));
            fact.value = Some(Number(share as f64));
            fact.unit = Some(Unit::Percent);
            (sentence, fact)
        }
        _ => {
            let cut = 10 + n % 85;
            let text = format!("{cut}%");
            let product = random.pick(&PRODUCTS);
            let sentence = format!("{subject} cut the price of its {product} plan by {text}.");
            let mut fact = Fact::new(Kind::PriceCut, subject, text);
            fact.metric = Some(format!("{product} price"));
            fact.value = Some(Number(cut as f64));
            fact.unit = Some(Unit::Percent);
            (sentence, fact)
        }
    };
    fact.qualifier.get_or_insert(Qualifier::Exact);
    fact.period = Period::parse(&format!("{year}-Q{quarter}"));
    (sentence, fact)
}

/// The article text and its fact file, for article number `index`.
pub fn article(index: usize) -> (String, String, FactSheet) {
    let mut random =
        Random(0x9e37_79b9_7f4a_7c15 ^ (index as u64 + 1).wrapping_mul(0x1000_0000_01b3));
    let year = 2020 + (index % 6) as i16;
    let month = 1 + (index % 12) as i8;
    let day = 1 + (index % 28) as i8;
    let quarter = 1 + ((month - 1) / 3);
    let subjects: Vec<String> = (0..3).map(|_| covered_company(&mut random)).collect();
    let title = format!(
        "{} and {} report quarter number {index}",
        subjects[0], subjects[1]
    );
    let file = format!("{index:06}.txt");
    let mut text = format!("{month:02}/{day:02} {year} {index}\n{title}\n");
    let mut facts = Vec::new();
    for paragraph in 0..8 {
        for sentence in 0..6 {
            if !text.ends_with('\n') {
                text.push(' ');
            }
            if (paragraph * 6 + sentence) % 3 == 1 && facts.len() < 13 {
                let subject = &subjects[random.below(subjects.len())];
                let (sentence, mut fact) = fact_sentence(&mut random, subject, year, quarter);
                let start = text.len();
                text.push_str(&sentence);
                fact.quote = sentence;
                fact.span = [start, text.len()];
                fact.id = format!("fact-{}", facts.len() + 1);
                facts.push(fact);
            } else {
                text.push_str(random.pick(&FILLER));
            }
        }
        text.push('\n');
    }
    let slug = format!("article-{index:06}");
    let sheet = FactSheet {
        article: ArticleMeta {
            slug: slug.clone(),
            title,
            date: jiff::civil::Date::new(year, month, day).ok(),
            source: format!("seeds/{file}"),
            ..Default::default()
        },
        facts,
    };
    (file, text, sheet)
}

/// The Hugo site's configuration and templates: the same pages as factsheet's (index, a page
/// per article with its facts, a page per kind and per subject listing their facts, feed,
/// sitemap), in plain Hugo templates.
const HUGO_FILES: &[(&str, &str)] = &[
    (
        "hugo.toml",
        "baseURL = \"https://example.org/\"\ntitle = \"facts\"\ndisableKinds = []\n[taxonomies]\n  kind = \"kinds\"\n  subject = \"subjects\"\n",
    ),
    (
        "layouts/_default/baseof.html",
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>\n",
    ),
    (
        "layouts/index.html",
        "{{ define \"main\" }}<h1>{{ site.Title }}</h1><ul>{{ range (where site.RegularPages \"Section\" \"articles\") }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Date.Format \"2006-01-02\" }} {{ len .Params.facts }} facts{{ range first 3 .Params.facts }} <b>{{ .text }}</b> {{ .kind }}{{ end }}</li>{{ end }}</ul>{{ end }}\n",
    ),
    (
        "layouts/_default/single.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><table>{{ range .Params.facts }}<tr id=\"fact-{{ .id }}\"><td>{{ .kind }}</td><td><a href=\"{{ (printf \"/subjects/%s/\" (urlize .subject)) }}\">{{ .subject }}</a></td><td>{{ .metric }}</td><td><strong>{{ .text }}</strong></td><td>{{ .period }}</td><td><q>{{ .quote }}</q></td></tr>{{ end }}</table><article>{{ .Content }}</article>{{ end }}\n",
    ),
    (
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    ),
    (
        "layouts/_default/term.html",
        "{{ define \"main\" }}{{ $term := .Title }}{{ $plural := .Data.Plural }}<h1>{{ $term }}</h1><table>{{ range .Pages }}{{ $page := . }}{{ range .Params.facts }}{{ if or (and (eq $plural \"kinds\") (eq (lower .kind) (lower $term))) (and (eq $plural \"subjects\") (eq (lower .subject) (lower $term))) }}<tr><td><a href=\"{{ $page.RelPermalink }}#fact-{{ .id }}\">{{ .subject }}</a></td><td>{{ .metric }}</td><td><strong>{{ .text }}</strong></td><td>{{ .period }}</td><td><q>{{ .quote }}</q></td></tr>{{ end }}{{ end }}{{ end }}</table>{{ end }}\n",
    ),
];

/// Writes article `index` as a Hugo content page with its facts in front matter.
fn write_hugo_page(dir: &Path, text: &str, sheet: &FactSheet) {
    let mut page = String::from("---\n");
    let quoted = |s: &str| serde_json::to_string(s).unwrap();
    let _ = writeln!(page, "title: {}", quoted(&sheet.article.title));
    if let Some(date) = sheet.article.date {
        let _ = writeln!(page, "date: {date}");
    }
    let mut kinds: Vec<String> = sheet.facts.iter().map(|f| f.kind.to_string()).collect();
    kinds.sort();
    kinds.dedup();
    let mut subjects: Vec<&str> = sheet.facts.iter().map(|f| f.subject.as_str()).collect();
    subjects.sort();
    subjects.dedup();
    let list = |items: Vec<String>| items.join(", ");
    let _ = writeln!(
        page,
        "kinds: [{}]",
        list(kinds.iter().map(|k| quoted(k)).collect())
    );
    let _ = writeln!(
        page,
        "subjects: [{}]",
        list(subjects.iter().map(|s| quoted(s)).collect())
    );
    page.push_str("facts:\n");
    for fact in &sheet.facts {
        let _ = writeln!(page, "  - id: {}", quoted(&fact.id));
        let _ = writeln!(page, "    kind: {}", quoted(fact.kind.as_str()));
        let _ = writeln!(page, "    subject: {}", quoted(&fact.subject));
        let metric = fact.metric.clone().unwrap_or_default();
        let _ = writeln!(page, "    metric: {}", quoted(&metric));
        let _ = writeln!(page, "    value: {}", fact.value.map_or(0.0, |n| n.0));
        let _ = writeln!(page, "    text: {}", quoted(&fact.text));
        let period = fact
            .period
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_default();
        let _ = writeln!(page, "    period: {}", quoted(&period));
        let _ = writeln!(page, "    quote: {}", quoted(&fact.quote));
    }
    page.push_str("---\n");
    // The article's text without its date line, one paragraph per line.
    for line in text.lines().skip(1) {
        page.push_str(line);
        page.push_str("\n\n");
    }
    let folder = dir.join("content/articles");
    std::fs::write(folder.join(format!("{}.md", sheet.article.slug)), page).unwrap();
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(count), Some(dir)) = (
        args.next().and_then(|n| n.parse::<usize>().ok()),
        args.next(),
    ) else {
        eprintln!("usage: gen_site N DIR [--hugo HUGO_DIR]");
        std::process::exit(2);
    };
    let hugo = match (args.next().as_deref(), args.next()) {
        (Some("--hugo"), Some(hugo)) => Some(std::path::PathBuf::from(hugo)),
        (None, _) => None,
        _ => {
            eprintln!("usage: gen_site N DIR [--hugo HUGO_DIR]");
            std::process::exit(2);
        }
    };
    if let Some(hugo) = &hugo {
        std::fs::create_dir_all(hugo.join("content/articles")).unwrap();
        for (path, text) in HUGO_FILES {
            let path = hugo.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::create_dir_all(dir.join("content")).unwrap();
    let mut words = 0;
    for index in 0..count {
        let (file, text, sheet) = article(index);
        words += text.split_whitespace().count();
        std::fs::write(dir.join("seeds").join(&file), &text).unwrap();
        let yaml = write::fact_file(&sheet);
        std::fs::write(
            dir.join("content")
                .join(format!("{}.yaml", sheet.article.slug)),
            yaml,
        )
        .unwrap();
        if let Some(hugo) = &hugo {
            write_hugo_page(hugo, &text, &sheet);
        }
    }
    let mut summary = String::new();
    let _ = write!(
        summary,
        "{count} articles, {} words each on average, in {}",
        words / count.max(1),
        dir.display()
    );
    println!("{summary}");
}
