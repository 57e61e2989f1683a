//! The word lists synthetic cases are drawn from: places, specialties, body parts,
//! diagnoses, requests, guidelines and the phrases clinical prose is made of.
//!
//! Nothing here is a real person or a real case; the lists are written for this tool and
//! only aim at the shape and the vocabulary of the real letters.

/// States of licensure.
pub const STATES: &[&str] = &[
    "California",
    "Nevada",
    "Oregon",
    "Washington",
    "Arizona",
    "Texas",
    "New York",
    "Florida",
    "Illinois",
    "Ohio",
    "Georgia",
    "North Carolina",
    "Pennsylvania",
    "Michigan",
    "Colorado",
    "Utah",
    "Massachusetts",
    "Maryland",
    "Virginia",
    "Minnesota",
];

/// Board certifications.
pub const SPECIALTIES: &[&str] = &[
    "Orthopaedic Surgery",
    "Physical Medicine & Rehabilitation",
    "Pain Management",
    "Family Practice",
    "Internal Medicine",
    "Neurology",
    "Anesthesiology",
    "Occupational Medicine",
    "Chiropractic",
    "Psychiatry",
    "Psychology",
    "Neurological Surgery",
    "Rheumatology",
    "Hand Surgery",
    "Sports Medicine",
    "Acupuncture",
];

pub const BODY_PARTS: &[&str] = &[
    "lumbar spine",
    "cervical spine",
    "thoracic spine",
    "right shoulder",
    "left shoulder",
    "right knee",
    "left knee",
    "right wrist",
    "left wrist",
    "right hand",
    "left elbow",
    "right ankle",
    "left hip",
    "bilateral knees",
    "low back",
    "neck",
];

pub const DIAGNOSES: &[&str] = &[
    "lumbar radiculopathy",
    "cervical strain",
    "rotator cuff tear",
    "carpal tunnel syndrome",
    "lateral epicondylitis",
    "osteoarthritis of the knee",
    "medial meniscus tear",
    "lumbar disc protrusion",
    "chronic pain syndrome",
    "myofascial pain",
    "plantar fasciitis",
    "cubital tunnel syndrome",
    "adhesive capsulitis",
    "sacroiliac joint dysfunction",
    "post-traumatic headaches",
    "major depressive disorder",
    "generalized anxiety disorder",
    "insomnia",
    "cervical radiculitis",
    "thoracic sprain",
];

/// A request: its text (`{part}` is a body part), and whether it is an opioid.
pub const REQUESTS: &[(&str, bool)] = &[
    ("Norco 10/325mg #60", true),
    ("Norco 5/325mg #90", true),
    ("Tramadol ER 150mg #30", true),
    ("Oxycodone 10mg #90", true),
    ("Tramadol 50mg #60", true),
    ("Naproxen 550mg #60", false),
    ("Ibuprofen 800mg #90", false),
    ("Cyclobenzaprine 7.5mg #60", false),
    ("Gabapentin 600mg #90", false),
    ("Omeprazole 20mg #30", false),
    ("Lidoderm 5% patch #30", false),
    ("Physical therapy 2x4 for the {part}", false),
    ("Physical therapy 3x4 for the {part}", false),
    ("Chiropractic treatment x 6 visits for the {part}", false),
    ("Acupuncture x 8 sessions", false),
    ("MRI of the {part}", false),
    ("MRI of the {part} without contrast", false),
    ("EMG/NCV of the bilateral upper extremities", false),
    ("EMG/NCV of the bilateral lower extremities", false),
    ("Lumbar epidural steroid injection at L4-L5", false),
    ("Cervical epidural steroid injection at C5-C6", false),
    (
        "Right shoulder arthroscopy with subacromial decompression",
        false,
    ),
    ("Functional capacity evaluation", false),
    ("TENS unit purchase", false),
    ("Home exercise kit for the {part}", false),
    ("Cognitive behavioral therapy x 6 sessions", false),
    ("Urine drug screen", false),
    ("Hinged knee brace", false),
    ("Transportation to and from medical appointments", false),
    ("Topical compound cream 240gm", false),
    ("Pain management consultation", false),
    ("Orthopedic surgical consultation for the {part}", false),
    ("Aquatic therapy x 12 sessions", false),
    ("Hot/cold therapy unit", false),
    ("Work hardening program x 10 sessions", false),
    ("Trigger point injections x 4 to the {part}", false),
    ("Retrospective request for Toradol 60mg IM injection", false),
    ("Medial branch block at L3-L4 and L4-L5", false),
];

/// MTUS guidelines: name, year, and sections that go with it.
pub const MTUS: &[(&str, u16, &[&str])] = &[
    (
        "Low Back Complaints",
        2004,
        &[
            "General Approach",
            "Summary",
            "Special Studies",
            "Initial Care",
            "Surgical Considerations",
        ],
    ),
    (
        "Neck and Upper Back Complaints",
        2004,
        &[
            "Summary",
            "Special Studies and Diagnostic and Treatment Considerations",
        ],
    ),
    (
        "Shoulder Complaints",
        2004,
        &["Summary", "Surgical Considerations"],
    ),
    ("Knee Complaints", 2004, &["Summary", "Initial Care"]),
    ("Forearm, Wrist, and Hand Complaints", 2004, &["Summary"]),
    (
        "Chronic Pain Medical Treatment",
        2009,
        &[
            "Opioids, criteria for use",
            "Opioids for chronic pain",
            "Muscle relaxants (for pain)",
            "Anti-epilepsy drugs (AEDs)",
            "Topical Analgesics",
            "Physical Medicine",
            "Epidural steroid injections (ESIs)",
            "TENS, chronic pain (transcutaneous electrical nerve stimulation)",
            "Functional improvement measures",
            "Urine drug testing",
        ],
    ),
    (
        "Chronic Pain Medical Treatment",
        2016,
        &[
            "NSAIDs (non-steroidal anti-inflammatory drugs)",
            "Opioids, specific drug list",
            "Cognitive behavioral therapy (CBT)",
            "Introduction",
            "Functional restoration programs (FRPs)",
        ],
    ),
    ("Acupuncture Medical Treatment", 2016, &["Introduction"]),
];

/// Non-MTUS citations.
pub const NON_MTUS: &[&str] = &[
    "Official Disability Guidelines (ODG), Low Back Chapter",
    "Official Disability Guidelines (ODG), Neck and Upper Back Chapter",
    "Official Disability Guidelines (ODG), Shoulder Chapter",
    "Official Disability Guidelines (ODG), Knee & Leg Chapter",
    "Official Disability Guidelines (ODG), Pain Chapter",
    "Official Disability Guidelines (ODG), Forearm, Wrist & Hand Chapter",
    "Official Disability Guidelines (ODG), Mental Illness & Stress Chapter",
    "ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Low Back Disorders",
    "ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Shoulder Disorders",
    "American College of Radiology Appropriateness Criteria",
    "Medical Treatment Utilization Schedule Drug Formulary",
];

pub const MECHANISMS: &[&str] = &[
    "lifting a heavy box",
    "a slip and fall on a wet floor",
    "repetitive keyboard work",
    "a motor vehicle accident while driving a company truck",
    "pulling a loaded pallet jack",
    "a fall from a ladder",
    "cumulative trauma over several years of assembly work",
    "being struck by a falling object",
    "restraining a patient",
    "twisting while carrying equipment",
];

pub const SYMPTOMS: &[&str] = &[
    "constant aching pain",
    "intermittent sharp pain",
    "numbness and tingling",
    "stiffness and weakness",
    "burning pain radiating to the extremity",
    "pain with prolonged sitting",
    "difficulty sleeping because of pain",
    "locking and giving way",
];

pub const FINDINGS: &[&str] = &[
    "tenderness to palpation",
    "decreased range of motion",
    "a positive straight leg raise",
    "muscle spasm",
    "a positive Tinel's sign",
    "diminished sensation in a dermatomal pattern",
    "crepitus with motion",
    "a normal gait",
    "guarding with movement",
    "decreased grip strength",
];

pub const IMAGING: &[&str] = &[
    "mild degenerative changes",
    "a 3 mm disc protrusion",
    "a partial thickness tear",
    "no acute abnormality",
    "moderate foraminal narrowing",
    "joint effusion",
];

pub const TREATMENTS: &[&str] = &[
    "physical therapy",
    "chiropractic care",
    "acupuncture",
    "medications",
    "a home exercise program",
    "activity modification",
    "injections",
    "bracing",
    "psychotherapy",
    "modified duty",
];

pub const MEDICATIONS: &[&str] = &[
    "Norco",
    "Naproxen",
    "Gabapentin",
    "Omeprazole",
    "Flexeril",
    "Tramadol",
    "Lidoderm patches",
    "Celebrex",
];

pub const WORK_STATUS: &[&str] = &[
    "temporarily totally disabled",
    "modified duty with restrictions",
    "permanent and stationary",
    "working full duty",
];

pub const EVIDENCE: &[&str] = &[
    "objective functional improvement with prior treatment",
    "a decrease in pain scores with the medication",
    "failure of conservative treatment",
    "red flag findings",
    "progressive neurological deficits",
    "a urine drug screen consistent with the prescribed medications",
    "a signed opioid treatment agreement",
    "a trial and failure of first-line medications",
    "the frequency and duration of the requested sessions",
    "the number of sessions already completed",
    "specific functional goals",
    "a change in the clinical picture since the last study",
];

pub const FIRST_NAMES: &[&str] = &[
    "Maria", "James", "Ana", "Robert", "Linda", "Jose", "Patricia", "Michael", "Rosa", "David",
    "Karen", "Luis", "Susan", "Daniel", "Carmen", "Thomas",
];

pub const LAST_NAMES: &[&str] = &[
    "Alvarez", "Brooks", "Castillo", "Dunn", "Estrada", "Fisher", "Garcia", "Hughes", "Ibarra",
    "Jensen", "Kim", "Lopez", "Morales", "Nguyen", "Ortiz", "Price",
];

pub const EMPLOYERS: &[&str] = &[
    "Valley Packing Co.",
    "Central Coast Logistics",
    "Sierra Health Services",
    "Golden State Warehousing",
    "Bayside Unified School District",
    "Pacific Home Builders",
    "Harbor Freight Lines",
    "Redwood County",
];

pub const ADMINISTRATORS: &[&str] = &[
    "Example Claims Services",
    "Western Risk Administrators",
    "Coastal Adjusting Group",
    "Statewide Comp Managers",
];

pub const CITIES: &[&str] = &[
    "Fresno, CA 93701",
    "Sacramento, CA 95814",
    "Bakersfield, CA 93301",
    "Oakland, CA 94612",
    "San Diego, CA 92101",
    "Riverside, CA 92501",
    "Stockton, CA 95202",
    "Salinas, CA 93901",
];

pub const STREETS: &[&str] = &[
    "Main Street",
    "Oak Avenue",
    "Clinic Way",
    "Harbor Boulevard",
    "Mission Road",
    "Elm Court",
];
