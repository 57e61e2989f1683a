//! The contradiction check's reading of conclusions, on sentences as the letters write them.

use super::*;

fn verdict_of(text: &str) -> Option<Verdict> {
    conclusion(text).map(|(v, _)| v)
}

#[test]
fn reads_the_conclusion() {
    use Verdict::*;
    assert_eq!(
        verdict_of("Guidelines apply. The request is medically necessary."),
        Some(Necessary)
    );
    assert_eq!(
        verdict_of("Therefore the request is not medically necessary."),
        Some(NotNecessary)
    );
    assert_eq!(
        verdict_of("It cannot be deemed medically necessary at this time."),
        Some(NotNecessary)
    );
    assert_eq!(
        verdict_of("As such, it is not a medical necessity to the patient."),
        Some(NotNecessary)
    );
    assert_eq!(
        verdict_of("Likewise, the medical necessity of this request is not established."),
        Some(NotNecessary)
    );
    assert_eq!(
        verdict_of(
            "The request is not medically necessary. This decision addresses the medical necessity of opioids."
        ),
        Some(NotNecessary)
    );
    assert_eq!(
        verdict_of(
            "The request is not medically necessary. It would be medically necessary if pain persisted."
        ),
        Some(NotNecessary)
    );
    assert_eq!(
        verdict_of(
            "The MRI is not supported by the provided records as being medically necessary at this time."
        ),
        Some(NotNecessary)
    );
    assert_eq!(
        verdict_of("Although not first-line, the request is medically necessary."),
        Some(Necessary)
    );
    assert_eq!(verdict_of("No ruling here."), None);
}

#[test]
fn reads_conclusions_in_plainer_words() {
    use Verdict::*;
    for (text, expected) in [
        ("As such the request is not necessary.", Some(NotNecessary)),
        ("The request is non-certified.", Some(NotNecessary)),
        (
            "Therefore the request is not certified at this time.",
            Some(NotNecessary),
        ),
        ("The request is certified.", Some(Necessary)),
        (
            "The treatment is medically unnecessary.",
            Some(NotNecessary),
        ),
        ("Thus the request is unnecessary.", Some(NotNecessary)),
        (
            "The request is not supported by the guidelines.",
            Some(NotNecessary),
        ),
        ("The request is supported by the records.", Some(Necessary)),
        ("The request is recommended.", Some(Necessary)),
        ("The request cannot be recommended.", Some(NotNecessary)),
        (
            "The surgery is appropriate for this patient.",
            Some(Necessary),
        ),
        ("Further imaging is not warranted.", Some(NotNecessary)),
        ("The request is medically reasonable.", Some(Necessary)),
        ("Consequently, the request is denied.", Some(NotNecessary)),
        ("The request is authorized.", Some(Necessary)),
        // what utilization review did rules on nothing now
        ("The request was denied by utilization review.", None),
        ("Eight visits were authorized.", None),
        // advice and conditions rule on nothing
        ("It is recommended that the patient taper.", None),
        ("It would be appropriate if pain persisted.", None),
        // the words of medical necessity win over a later quote
        (
            "The request is not medically necessary. ODG: MRI is recommended for red flags.",
            Some(NotNecessary),
        ),
    ] {
        assert_eq!(verdict_of(text), expected, "{text}");
    }
}

#[test]
fn points_at_the_words_that_conclude() {
    let text = "Thus the request is medically necessary.";
    let (_, range) = conclusion(text).unwrap();
    assert_eq!(&text[range], "medically necessary");
    let text = "Thus it is not medically necessary.";
    let (_, range) = conclusion(text).unwrap();
    assert_eq!(&text[range], "not medically necessary");
}
