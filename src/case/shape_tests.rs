//! The shape walk on case files with unknown, missing and wrongly typed keys.

use super::*;

fn problems(src: &str) -> Vec<(String, Problem)> {
    let mut root = DeTable::parse(src).unwrap().into_inner();
    shape_problems(&mut root)
        .into_iter()
        .map(|p| (p.path, p.problem))
        .collect()
}

#[test]
fn finds_every_unknown_key_and_removes_it() {
    let src = "case_numbr = \"x\"\n[dates]\ninjury = 2016-01-01\ninjry = 1\n[[items]]\ndecison = \"upheld\"\n[items.claims_administrator]\nmtus = [{ guideline = \"g\", yeer = 2009 }]\n";
    let mut root = DeTable::parse(src).unwrap().into_inner();
    let found = shape_problems(&mut root);
    let unknown: Vec<&str> = found
        .iter()
        .filter(|p| p.problem == Problem::Unknown)
        .map(|k| k.path.as_str())
        .collect();
    assert_eq!(
        unknown,
        [
            "case_numbr",
            "dates.injry",
            "items[1].decison",
            "items[1].claims_administrator.mtus[1].yeer"
        ]
    );
    assert!(root.get("case_numbr").is_none());
    let missing = found
        .iter()
        .filter(|p| p.problem == Problem::Missing)
        .count();
    assert!(missing > 5, "{found:?}");
}

#[test]
fn says_what_each_value_should_be() {
    let found = problems(
        "priority = 3\n[dates]\ninjury = \"2016-01-01\"\n[reviewer]\nlicensure = \"CA\"\n[[items]]\ndecision = \"uphold\"\n",
    );
    let types: Vec<(String, String)> = found
        .into_iter()
        .filter_map(|(path, p)| match p {
            Problem::Type { expected, .. } => Some((path, expected)),
            _ => None,
        })
        .collect();
    assert_eq!(
        types,
        [
            (
                "priority".to_string(),
                "\"standard\" or \"expedited\"".to_string()
            ),
            (
                "dates.injury".to_string(),
                "a date written without quotes, such as 2016-12-30".to_string()
            ),
            (
                "reviewer.licensure".to_string(),
                "an array of strings, such as [\"California\"]".to_string()
            ),
            (
                "items[1].decision".to_string(),
                "\"upheld\" or \"overturned\"".to_string()
            ),
        ]
    );
}
