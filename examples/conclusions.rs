use imr_letters::case::parse_case;
use imr_letters::check::contradiction::{Verdict, conclusion};
fn main() {
    let mut none = 0;
    let mut n = 0;
    let mut wrong = 0;
    for dir in std::env::args().skip(1) {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths {
            if p.extension().map_or(true, |e| e != "toml") {
                continue;
            }
            let Ok(c) = parse_case(&p, std::fs::read_to_string(&p).unwrap()) else {
                continue;
            };
            for (i, item) in c.case.items.get_ref().iter().enumerate() {
                let path = format!("items[{}].rationale", i + 1);
                let text: String = c
                    .fields
                    .iter()
                    .filter(|f| f.path == path || f.path.starts_with(&format!("{path}[")))
                    .map(|f| f.value().to_string())
                    .collect::<Vec<_>>()
                    .join("\n");
                n += 1;
                match conclusion(&text) {
                    None => {
                        none += 1;
                        let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        let k = t.len().saturating_sub(160);
                        println!(
                            "NONE {} {} | {}",
                            p.display(),
                            item.decision.as_str(),
                            &t[t.floor_char_boundary(k)..]
                        );
                    }
                    Some((v, r)) => {
                        let up = item.decision.as_str() == "upheld";
                        if (v == Verdict::Necessary) == up {
                            wrong += 1;
                            println!(
                                "WRONG {} {} | {}",
                                p.display(),
                                item.decision.as_str(),
                                &text[r]
                            );
                        }
                    }
                }
            }
        }
    }
    println!("items {n}, no conclusion {none}, contradicting {wrong}");
}
