//! Synthetic cases for benchmarks and demonstrations (`imr-letters sample`).
//!
//! Case `i` of seed `s` is a pure function of `(s, i)` (a SplitMix64 stream, see
//! [`prose::Rng`]), so `--count 100` gives the first 100 cases of `--count 10000`. The
//! cases are valid version-1 case files with the spread of the real letters: 1 to 21 items,
//! letters of 1 to about 10 pages (most of 2 or 3), MTUS and non-MTUS guideline bases,
//! none cited, modified UR decisions, opioid tapering advisories, expedited reviews,
//! an occasional escape hatch and parties. The words come from [`vocabulary`].

pub mod prose;
pub mod vocabulary;

use std::fmt::Write as _;

use crate::case::CalendarDate;
use prose::{Facts, Rng, rationale, summary, wrap};
use vocabulary::*;

/// The most cases one seed can name distinctly (the seven digits of a case number).
pub const MAX_COUNT: usize = 9_999_999;

/// The case file name and text of case `index` of `seed`.
pub fn sample_case(seed: u64, index: usize) -> (String, String) {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    rng.next_u64();
    let mut t = String::with_capacity(8 * 1024);

    // Dates, in the order the format requires.
    let injury = date_from_days(rng.range(days(2009, 1, 1), days(2016, 6, 30)) as i64);
    let ur_denial = after(injury, rng.range(30, 1500));
    let application = after(ur_denial, rng.range(1, 25));
    let assigned = after(application, rng.range(1, 12));
    let expedited = rng.chance(5);
    let decision = after(
        assigned,
        if expedited {
            rng.range(1, 3)
        } else {
            rng.range(5, 30)
        },
    );
    let number = format!("CM{:02}-{:07}", decision.year % 100, index % MAX_COUNT + 1);

    // How long the letter is: most letters are 2 or 3 pages, a few run to 10.
    let pages = rng.pick(&[1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 5, 7, 9]);
    let items = match rng.range(0, 99) {
        0..=44 => 1,
        45..=69 => 2,
        70..=84 => rng.range(3, 5),
        85..=96 => rng.range(6, 12),
        _ => rng.range(13, 21),
    } as usize;
    let budget = (pages * 2600usize)
        .saturating_sub(2600 + items * 450)
        .max(200);
    let summary_budget = budget * rng.range(30, 60) as usize / 100;
    let rationale_budget = (budget - summary_budget) / items;

    let part = rng.pick(BODY_PARTS);
    let requests: Vec<(String, bool)> = (0..items)
        .map(|_| {
            let (text, opioid) = rng.pick(REQUESTS);
            (text.replace("{part}", rng.pick(BODY_PARTS)), opioid)
        })
        .collect();
    let visits = (0..4)
        .map(|_| after(injury, rng.range(0, days_between(injury, ur_denial))))
        .collect();
    let facts = Facts {
        age: rng.range(22, 67),
        sex: if rng.chance(50) { "male" } else { "female" },
        injury,
        ur_denial,
        visits,
        part,
        requests: requests.iter().map(|(r, _)| r.clone()).collect(),
    };

    let _ = writeln!(
        t,
        "# Synthetic case {index} of seed {seed} (imr-letters sample)"
    );
    let _ = writeln!(t, "case_number = \"{number}\"");
    let _ = writeln!(
        t,
        "priority = \"{}\"\n",
        if expedited { "expedited" } else { "standard" }
    );
    let _ = writeln!(t, "[dates]");
    for (key, d) in [
        ("injury", injury),
        ("ur_denial", ur_denial),
        ("application_received", application),
        ("assigned", assigned),
        ("decision", decision),
    ] {
        let _ = writeln!(t, "{key} = {d}");
    }
    let states = rng.several(STATES, 1, 3);
    let specialties = rng.several(SPECIALTIES, 1, 2);
    let _ = writeln!(t, "\n[reviewer]\nlicensure = {}", list(&states));
    let _ = writeln!(t, "specialties = {}\n", list(&specialties));
    let paragraphs = summary(&mut rng, &facts, summary_budget);
    let _ = writeln!(t, "[summary]\ntext = {}", text_value(&mut rng, &paragraphs));

    for (request, opioid) in &requests {
        item(&mut t, &mut rng, request, *opioid, rationale_budget);
    }
    if rng.chance(40) {
        parties(&mut t, &mut rng);
    }
    (format!("{number}.toml"), t)
}

fn item(t: &mut String, rng: &mut Rng, request: &str, opioid: bool, budget: usize) {
    let necessary = rng.chance(30);
    let (guideline, year, sections) = rng.pick(MTUS);
    let _ = writeln!(t, "\n[[items]]\nrequest = {}", quoted(request));
    if rng.chance(2) {
        let heading = format!("Retrospective request for {request}");
        let _ = writeln!(t, "heading = {}", quoted(&heading));
    }
    let _ = writeln!(
        t,
        "decision = \"{}\"",
        if necessary { "overturned" } else { "upheld" }
    );
    if opioid && !necessary && rng.chance(60) {
        let person = if rng.chance(50) {
            "patient"
        } else {
            "injured worker"
        };
        let _ = writeln!(t, "opioid_taper_advisory = \"{person}\"");
    }
    let cited = format!("MTUS {guideline} Guidelines");
    let paragraphs = rationale(rng, request, necessary, &cited, budget);
    let _ = writeln!(t, "rationale = {}", text_value(rng, &paragraphs));
    for who in ["claims_administrator", "expert_reviewer"] {
        let kind = rng.range(0, 99);
        if kind < 12 {
            continue; // no medical evidence cited
        }
        let _ = writeln!(t, "[items.{who}]");
        if kind < 15 {
            let _ = writeln!(
                t,
                "text = \"The {} relied on the guideline cited in the request.\"",
                if who == "expert_reviewer" {
                    "Expert Reviewer"
                } else {
                    "Claims Administrator"
                }
            );
            continue;
        }
        if kind < 70 {
            let mut parts = vec![mtus_part(rng, guideline, year, sections)];
            if rng.chance(20) {
                let (g, y, s) = rng.pick(MTUS);
                if g != guideline || y != year {
                    parts.push(mtus_part(rng, g, y, s));
                }
            }
            let _ = writeln!(t, "mtus = [{}]", parts.join(", "));
        }
        if kind >= 55 {
            let _ = writeln!(t, "non_mtus = {}", quoted(rng.pick(NON_MTUS)));
        }
    }
    if rng.chance(10) {
        let original = request
            .replace("#60", "#90")
            .replace("x 8", "x 12")
            .replace("x 6", "x 10");
        let authorized = if necessary {
            request.to_string()
        } else {
            "a reduced quantity".to_string()
        };
        let original = if necessary {
            request.to_string()
        } else {
            original
        };
        let _ = writeln!(
            t,
            "[items.modified]\noriginal = {}\nauthorized = {}",
            quoted(&original),
            quoted(&authorized)
        );
    }
}

fn mtus_part(rng: &mut Rng, guideline: &str, year: u16, sections: &[&str]) -> String {
    if rng.chance(15) {
        return format!("{{ guideline = {}, year = {year} }}", quoted(guideline));
    }
    let chosen = rng.several(sections, 1, 2);
    format!(
        "{{ guideline = {}, year = {year}, sections = {} }}",
        quoted(guideline),
        list(&chosen)
    )
}

fn parties(t: &mut String, rng: &mut Rng) {
    let person = |rng: &mut Rng| format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    let address = |rng: &mut Rng| {
        let street = format!("{} {}", rng.range(10, 9999), rng.pick(STREETS));
        list(&[street.as_str(), rng.pick(CITIES)])
    };
    let _ = writeln!(t, "\n[parties]");
    let _ = writeln!(
        t,
        "claim_number = \"WC-{}-{:05}\"",
        rng.range(2009, 2016),
        rng.range(1, 99999)
    );
    if rng.chance(50) {
        let _ = writeln!(
            t,
            "adj_number = \"ADJ{:07}\"",
            rng.range(1_000_000, 9_999_999)
        );
    }
    let employee = person(rng);
    let _ = writeln!(
        t,
        "employee = {{ name = {}, address = {} }}",
        quoted(&employee),
        address(rng)
    );
    let _ = writeln!(t, "employer = {{ name = {} }}", quoted(rng.pick(EMPLOYERS)));
    let _ = writeln!(
        t,
        "claims_administrator = {{ name = {}, address = {} }}",
        quoted(rng.pick(ADMINISTRATORS)),
        address(rng)
    );
    let doctor = format!("Dr. {}", person(rng));
    let _ = writeln!(
        t,
        "requesting_provider = {{ name = {}, address = {} }}",
        quoted(&doctor),
        address(rng)
    );
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Paragraphs in either form of the format: most often one multi-line string, else (one
/// text in four) a list of paragraphs (format 1.1) with an empty one between each two.
fn text_value(rng: &mut Rng, paragraphs: &[String]) -> String {
    if !rng.chance(25) {
        return text_block(paragraphs);
    }
    let mut elements = Vec::with_capacity(paragraphs.len() * 2);
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            elements.push("\"\"".to_string());
        }
        elements.push(text_block(std::slice::from_ref(p)));
    }
    format!("[\n{},\n]", elements.join(",\n"))
}

/// Paragraphs as a TOML multi-line string, each wrapped, a blank line between them.
fn text_block(paragraphs: &[String]) -> String {
    let body: Vec<String> = paragraphs.iter().map(|p| wrap(p)).collect();
    let body = body.join("\n\n").replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"\"\"\n{body}\n\"\"\"")
}

fn days(year: i32, month: u8, day: u8) -> u64 {
    CalendarDate::new(year, month, day)
        .expect("a real date")
        .days_since_epoch() as u64
}

fn days_between(a: CalendarDate, b: CalendarDate) -> u64 {
    (b.days_since_epoch() - a.days_since_epoch()).max(0) as u64
}

fn after(d: CalendarDate, n: u64) -> CalendarDate {
    date_from_days(d.days_since_epoch() + n as i64)
}

/// The calendar date `days` days after 1970-01-01 (sample dates are all near 2016).
fn date_from_days(days: i64) -> CalendarDate {
    CalendarDate::from_days_since_epoch(days).expect("a real date")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::parse_case;
    use std::path::Path;

    #[test]
    fn days_round_trip() {
        for d in [0, 59, 60, 365, 10_957, 16_801, 17_197, 20_000] {
            assert_eq!(date_from_days(d).days_since_epoch(), d);
        }
        assert_eq!(date_from_days(17_197).to_string(), "2017-01-31");
    }

    #[test]
    fn cases_parse_and_depend_only_on_seed_and_index() {
        let mut lists = 0;
        for i in 0..300 {
            let (name, text) = sample_case(7, i);
            let case = parse_case(Path::new(&name), text.clone())
                .unwrap_or_else(|e| panic!("case {i} is invalid: {e}\n{text}"));
            let problems = crate::case::validate::validate_case(&case);
            assert!(!problems.has_errors(), "case {i}: {problems}\n{text}");
            lists += usize::from(text.contains("text = [\n"));
            assert_eq!(format!("{}.toml", case.case_number()), name);
            assert_eq!(sample_case(7, i).1, text);
            assert!((1..=21).contains(&case.case.items.get_ref().len()));
        }
        assert_ne!(sample_case(7, 0).1, sample_case(8, 0).1);
        assert!(
            lists > 30,
            "some summaries are lists of paragraphs: {lists}"
        );
    }
}
