//! The prose of a synthetic case: clinical summary and rationale paragraphs of a chosen
//! length, built sentence by sentence from the word lists, and the random numbers that
//! choose them.

use super::vocabulary::*;
use crate::case::CalendarDate;

/// SplitMix64: a small, fast generator whose whole state is one `u64`, so a case is a
/// pure function of its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[(self.next_u64() % list.len() as u64) as usize]
    }

    /// Between `lo` and `hi` different entries of `list`, in list order.
    pub fn several<'a>(&mut self, list: &'a [&'a str], lo: u64, hi: u64) -> Vec<&'a str> {
        let n = self.range(lo, hi) as usize;
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < n.min(list.len()) {
            let i = (self.next_u64() % list.len() as u64) as usize;
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| list[i]).collect()
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A date as the letters write dates inside prose: `10-14-2016`.
pub fn prose_date(d: CalendarDate) -> String {
    format!("{:02}-{:02}-{}", d.month, d.day, d.year)
}

/// The facts the prose of one case refers to.
pub struct Facts {
    pub age: u64,
    pub sex: &'static str,
    pub injury: CalendarDate,
    pub ur_denial: CalendarDate,
    /// Dates between the injury and the UR denial, for visits and studies.
    pub visits: Vec<CalendarDate>,
    pub part: &'static str,
    pub requests: Vec<String>,
}

/// Paragraphs of the clinical summary, about `budget` characters in all.
pub fn summary(rng: &mut Rng, f: &Facts, budget: usize) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut first = format!(
        "The injured worker is a {} year old {} who sustained an industrial injury on {}. ",
        f.age,
        f.sex,
        prose_date(f.injury)
    );
    first.push_str(&format!(
        "The mechanism of injury was {}. Diagnoses include {}.",
        rng.pick(MECHANISMS),
        and_list(&rng.several(DIAGNOSES, 1, 4))
    ));
    let mut used = first.len();
    paragraphs.push(first);
    while used < budget {
        let mut p = String::new();
        let want = rng.range(250, 900) as usize;
        while p.len() < want && used + p.len() < budget + 200 {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&summary_sentence(rng, f));
        }
        used += p.len();
        paragraphs.push(p);
    }
    let last = format!(
        "The request for {} was denied by utilization review on {}.",
        and_list(&f.requests.iter().map(String::as_str).collect::<Vec<_>>()),
        prose_date(f.ur_denial)
    );
    paragraphs.push(last);
    paragraphs
}

fn summary_sentence(rng: &mut Rng, f: &Facts) -> String {
    let visit = prose_date(rng.pick(&f.visits));
    match rng.range(0, 7) {
        0 => format!(
            "Treatment to date has included {}.",
            and_list(&rng.several(TREATMENTS, 2, 4))
        ),
        1 => format!(
            "On {visit}, the injured worker reported {} in the {}, rated {}/10 on the pain scale.",
            rng.pick(SYMPTOMS),
            f.part,
            rng.range(3, 9)
        ),
        2 => format!(
            "Physical examination on {visit} revealed {} and {} of the {}.",
            rng.pick(FINDINGS),
            rng.pick(FINDINGS),
            f.part
        ),
        3 => format!(
            "An MRI of the {} dated {visit} was documented as showing {}.",
            f.part,
            rng.pick(IMAGING)
        ),
        4 => format!("The work status was noted as {}.", rng.pick(WORK_STATUS)),
        5 => format!(
            "The treating provider noted that prior {} provided {} relief.",
            rng.pick(TREATMENTS),
            rng.pick(&["minimal", "temporary", "some", "no lasting"])
        ),
        6 => format!(
            "The progress report dated {visit} documented {} and {}.",
            rng.pick(SYMPTOMS),
            rng.pick(FINDINGS)
        ),
        _ => format!(
            "Current medications were listed as {}.",
            and_list(&rng.several(MEDICATIONS, 1, 3))
        ),
    }
}

/// Paragraphs of an item's rationale, about `budget` characters, ending with the verdict.
pub fn rationale(
    rng: &mut Rng,
    request: &str,
    necessary: bool,
    guideline: &str,
    budget: usize,
) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut used = 0;
    loop {
        let mut p = String::new();
        let want = rng.range(200, 700) as usize;
        while p.len() < want && used + p.len() < budget {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&rationale_sentence(rng, guideline, necessary));
        }
        used += p.len();
        let done = used >= budget;
        if done {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&format!(
                "Therefore, the request for {request} is {}medically necessary.",
                if necessary { "" } else { "not " }
            ));
        }
        paragraphs.push(p);
        if done {
            return paragraphs;
        }
    }
}

fn rationale_sentence(rng: &mut Rng, guideline: &str, necessary: bool) -> String {
    let (does, lacks) = if necessary {
        ("documents", "The records support")
    } else {
        ("does not document", "There is no documentation of")
    };
    match rng.range(0, 5) {
        0 => format!(
            "The {guideline} recommends this treatment when there is {}.",
            rng.pick(EVIDENCE)
        ),
        1 => format!(
            "In this case, the medical record {does} {}.",
            rng.pick(EVIDENCE)
        ),
        2 => format!("{lacks} {}.", rng.pick(EVIDENCE)),
        3 => format!(
            "The guidelines state that continued treatment depends on {}.",
            rng.pick(EVIDENCE)
        ),
        4 => format!(
            "The injured worker has a history of {} with {} documented at the most recent visit.",
            rng.pick(DIAGNOSES),
            rng.pick(FINDINGS)
        ),
        _ => format!(
            "Guidelines note that {} should be considered before this treatment.",
            rng.pick(TREATMENTS)
        ),
    }
}

/// Text wrapped at about 90 columns, for a readable case file (a line break inside a
/// paragraph reads as a space).
pub fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + 1 + word.len() > 90 {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}
