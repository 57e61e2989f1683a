//! The budget of one template evaluation: how many numbers `range` may hand out and how
//! many bytes of markup the evaluation may print, so that a template that never ends (two
//! nested loops over `range(end=100000)`) or grows without bound (the summary printed a
//! hundred thousand times) is stopped with an error that names the template, instead of
//! running for hours or filling the memory.
//!
//! Both limits depend on the inputs alone, never on time, so a letter is refused or
//! written the same way on every machine. `range` is the engine's only source of loops
//! that case data does not bound, so its numbers are the loop budget; loops over the
//! case's own lists are as long as the case file. The engine offers no hook inside its
//! loops, so a string a template builds up with `set_global` inside a loop is bounded only
//! through the loop budget.

use std::cell::Cell;
use std::io::{self, Write};

use tera::{Context, Kwargs, State, Tera};

/// How many numbers `range` may produce in one evaluation, over all its calls (the engine
/// allows as many in one call, and any number of calls).
pub const RANGE_NUMBERS: u64 = 100_000;

/// Markup one evaluation may print whatever the case: a letter section of the longest real
/// letters is about 30 KB.
pub const OUTPUT_BASE: u64 = 1 << 20;

/// Markup one evaluation may print per byte of the case file, on top of [`OUTPUT_BASE`]:
/// the built-in wording of an item is about six times the least a case file needs to state
/// one.
pub const OUTPUT_PER_CASE_BYTE: u64 = 16;

thread_local! {
    /// The numbers `range` may still hand out in the evaluation running on this thread
    /// (`None` outside one: then only the engine's own limit of one call applies).
    static NUMBERS_LEFT: Cell<Option<u64>> = const { Cell::new(None) };
    /// Whether the running evaluation has asked `range` for more than its budget.
    static RANGE_SPENT: Cell<bool> = const { Cell::new(false) };
}

/// What stopped an evaluation.
#[derive(Debug)]
pub enum Failure {
    /// The engine's own error (a `range` past the budget is one, located at the call).
    Engine {
        error: tera::Error,
        /// Whether it is the loop budget that was spent.
        range_spent: bool,
    },
    /// The evaluation printed more than `limit` bytes.
    Output { limit: u64 },
}

/// The limits of one evaluation against a case of `case_bytes` bytes.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub numbers: u64,
    pub output: u64,
}

impl Budget {
    pub fn for_case(case_bytes: usize) -> Budget {
        Budget {
            numbers: RANGE_NUMBERS,
            output: OUTPUT_BASE
                .saturating_add(OUTPUT_PER_CASE_BYTE.saturating_mul(case_bytes as u64)),
        }
    }

    /// Renders template `name` within the budget.
    pub fn render(&self, tera: &Tera, name: &str, context: &Context) -> Result<String, Failure> {
        let _running = Running::start(self.numbers);
        let mut out = Bounded {
            bytes: Vec::new(),
            limit: self.output,
            over: false,
        };
        match tera.render_to(name, context, &mut out) {
            Ok(()) => Ok(String::from_utf8(out.bytes).expect("the engine writes text")),
            Err(_) if out.over => Err(Failure::Output { limit: self.output }),
            Err(error) => Err(Failure::Engine {
                error,
                range_spent: RANGE_SPENT.with(Cell::get),
            }),
        }
    }
}

/// The budget of the evaluation running on this thread, set for as long as it runs.
struct Running;

impl Running {
    fn start(numbers: u64) -> Running {
        NUMBERS_LEFT.with(|left| left.set(Some(numbers)));
        RANGE_SPENT.with(|spent| spent.set(false));
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        NUMBERS_LEFT.with(|left| left.set(None));
    }
}

/// Output that refuses to grow past a limit (the engine then stops with an I/O error).
struct Bounded {
    bytes: Vec<u8>,
    limit: u64,
    over: bool,
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() as u64 + buf.len() as u64 > self.limit {
            self.over = true;
            return Err(io::Error::other(
                "the template printed more than its budget",
            ));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Replaces the engine's `range` by one with the same arguments (`end`, optional `start`
/// and `step_by`, counting down with a negative step) that draws on the budget.
pub fn register_range(tera: &mut Tera) {
    tera.register_function("range", range);
}

fn range(kwargs: Kwargs, _: &State) -> tera::TeraResult<Vec<i64>> {
    let start = kwargs.get::<i64>("start")?.unwrap_or(0);
    let end = kwargs.must_get::<i64>("end")?;
    let step = kwargs.get::<i64>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message("`range` cannot step by 0"));
    }
    if step > 0 && start > end {
        return Err(tera::Error::message(format!(
            "`range` cannot count up from start={start} to end={end}; give a negative step_by to count down"
        )));
    }
    let span = (i128::from(end) - i128::from(start)).unsigned_abs();
    let stride = i128::from(step).unsigned_abs();
    let count = if (step > 0) == (end > start) {
        span.div_ceil(stride)
    } else {
        0
    };
    draw(count)?;
    let count = count as usize;
    Ok((0..count).map(|k| start + step * k as i64).collect())
}

/// Takes `count` numbers from the running evaluation's budget, or says why it cannot.
fn draw(count: u128) -> tera::TeraResult<()> {
    let left = NUMBERS_LEFT.with(Cell::get);
    let available = left.unwrap_or(RANGE_NUMBERS);
    if count > u128::from(available) {
        RANGE_SPENT.with(|spent| spent.set(true));
        let used = RANGE_NUMBERS - available;
        return Err(tera::Error::message(format!(
            "`range` asked for {count} numbers with {used} already handed out: past the budget of \
             {RANGE_NUMBERS} numbers for one template evaluation"
        )));
    }
    if let Some(left) = left {
        NUMBERS_LEFT.with(|cell| cell.set(Some(left - count as u64)));
    }
    Ok(())
}

/// Where a template joins a variable to itself twice or more in one `set` (`{% set_global
/// s = s ~ s %}`): the value doubles each time the tag runs, so a loop of sixty runs asks
/// for more memory than any machine has, long before the loop budget is spent. Returns the
/// byte span of the tag and the variable's name. A counter (`n = n + 1`) or a string that
/// grows by a piece (`s = s ~ x`) grows linearly and passes.
pub fn self_doubling(source: &str) -> Option<(std::ops::Range<usize>, String)> {
    let mut from = 0;
    while let Some(open) = source[from..].find("{%").map(|i| from + i) {
        let close = source[open..]
            .find("%}")
            .map_or(source.len(), |i| open + i + 2);
        from = close;
        let inner = source[open + 2..close.saturating_sub(2).max(open + 2)]
            .trim_matches(|c: char| c == '-' || c.is_whitespace());
        let Some(rest) = inner
            .strip_prefix("set_global")
            .or_else(|| inner.strip_prefix("set"))
            .filter(|r| r.starts_with(char::is_whitespace))
        else {
            continue;
        };
        let Some((name, expression)) = rest.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let (names, joins) = identifiers(expression);
        if joins && names.iter().filter(|n| **n == name).count() >= 2 {
            return Some((open..close, name.to_string()));
        }
    }
    None
}

/// The identifiers of an expression that are variables (not attributes after a `.`, not
/// in string literals), and whether it joins strings (`~`).
fn identifiers(expression: &str) -> (Vec<&str>, bool) {
    let bytes = expression.as_bytes();
    let (mut names, mut joins, mut i) = (Vec::new(), false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\'' || b == b'`' {
            i += expression[i + 1..]
                .find(b as char)
                .map_or(bytes.len(), |k| k + 2);
        } else if b == b'~' {
            joins = true;
            i += 1;
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let end = expression[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(bytes.len(), |k| i + k);
            let after_dot = expression[..i].trim_end().ends_with('.');
            if !after_dot {
                names.push(&expression[i..end]);
            }
            i = end;
        } else {
            i += 1;
        }
    }
    (names, joins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(template: &str) -> Tera {
        let mut tera = Tera::new();
        register_range(&mut tera);
        tera.add_raw_template("t", template).unwrap();
        tera
    }

    fn numbers(args: &str) -> Result<String, Failure> {
        let tera = engine(&format!("{{{{ range({args}) | join(sep=\",\") }}}}"));
        Budget::for_case(0).render(&tera, "t", &Context::new())
    }

    #[test]
    fn range_counts_as_the_engine_does() {
        assert_eq!(numbers("end=4").unwrap(), "0,1,2,3");
        assert_eq!(numbers("start=2, end=9, step_by=3").unwrap(), "2,5,8");
        assert_eq!(numbers("start=5, end=1, step_by=-2").unwrap(), "5,3");
        assert_eq!(numbers("start=3, end=3").unwrap(), "");
        assert!(numbers("end=4, step_by=0").is_err());
        assert!(numbers("start=5, end=1").is_err());
    }

    #[test]
    fn nested_ranges_stop_at_the_budget_of_the_whole_evaluation() {
        let tera = engine(
            "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}",
        );
        match Budget::for_case(0).render(&tera, "t", &Context::new()) {
            Err(Failure::Engine { range_spent, .. }) => assert!(range_spent),
            other => panic!("{other:?}"),
        }
        // the next evaluation has its whole budget again
        assert_eq!(numbers("end=3").unwrap(), "0,1,2");
    }

    #[test]
    fn output_past_the_budget_is_refused() {
        let tera = engine("{% for a in range(end=20000) %}0123456789{% endfor %}");
        let small = Budget {
            numbers: RANGE_NUMBERS,
            output: 100_000,
        };
        assert!(matches!(
            small.render(&tera, "t", &Context::new()),
            Err(Failure::Output { limit: 100_000 })
        ));
        let roomy = Budget {
            numbers: RANGE_NUMBERS,
            output: 200_000,
        };
        assert_eq!(
            roomy.render(&tera, "t", &Context::new()).unwrap().len(),
            200_000
        );
    }

    #[test]
    fn a_string_joined_to_itself_is_found_and_a_growing_one_is_not() {
        let doubling = "a {%- set_global s = s ~ \"-\" ~ s -%} b";
        let (span, name) = self_doubling(doubling).unwrap();
        assert_eq!(
            (&doubling[span], name.as_str()),
            ("{%- set_global s = s ~ \"-\" ~ s -%}", "s")
        );
        for fine in [
            "{% set_global s = s ~ item.s %}",
            "{% set_global n = n + n %}",
            "{% set s = \"s ~ s\" ~ s %}",
            "{% set settings = settings %}{{ s ~ s }}",
            "{% for s in items %}{{ s }}{% endfor %}",
        ] {
            assert_eq!(self_doubling(fine), None, "{fine}");
        }
    }
}
