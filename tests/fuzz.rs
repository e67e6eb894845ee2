//! Regressions the fuzzing harnesses found (one test each).

use nusqa::corpus::format;
use nusqa::model::Content;

/// Parses, checks the round trip, and returns the nodes.
fn round_trip(text: &str) -> Vec<nusqa::model::Node> {
    let nodes = format::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
    let written = format::write(&nodes);
    assert_eq!(
        format::parse(&written).as_ref(),
        Ok(&nodes),
        "{text:?} written as {written:?}"
    );
    nodes
}

#[test]
fn an_abzats_that_starts_like_a_heading_is_written_so_it_reads_back() {
    // The lines `#` and `a` make the abzats `# a`, which was written as a heading.
    let nodes = round_trip("# att_1\n#\na\n\n##\n#\nb\n");
    assert_eq!(nodes[0].content, Content::of("# a\n## # b"));
    // The same inside a table cell, which is written as its own node.
    let nodes = round_trip("# att_2\n## att_2__table_1\n| 1 | # att_1 |\n");
    assert_eq!(
        nodes[0].children[0].children[0].children[1].content,
        Content::of("# att_1")
    );
}

#[test]
fn a_text_that_would_read_back_as_table_lines_is_refused() {
    // `|` and `a` joined make `| a`: written back, a table line.
    for src in ["# preamble\n|\na\n", "# att_1\n## att_1__table_1\n|-|\nx\n"] {
        let errs = format::parse(src).unwrap_err();
        assert!(errs[0].message.contains("starts with `|`"), "{src:?}: {errs:?}");
    }
    // A text with one abzats of other words keeps its pipe lines (Order No. 429's
    // List quotes table rows so).
    let nodes = round_trip("# att_1\n| 1 | a |\n\nтексті\n");
    assert_eq!(nodes[0].content, Content::of("| 1 | a |\nтексті"));
}

#[test]
fn table_cells_read_as_bodies_do() {
    let nodes = round_trip("# att_2\n## att_2__table_1\n| 1 | {not-held} | {repealed} | x <br> y | <br> |\n");
    let cells: Vec<&Content> = nodes[0].children[0].children[0]
        .children
        .iter()
        .map(|c| &c.content)
        .collect();
    assert_eq!(
        cells,
        [
            &Content::of("1"),
            &Content::NotHeld,
            &Content::Repealed,
            &Content::of("x\ny"),
            &Content::of("")
        ]
    );
}

#[test]
fn a_heading_cannot_repeat_a_row_that_table_lines_made() {
    let src = "# att_2 [2]\n\n## att_2__table_1\n| 1 | a |\n\n### att_2__table_1__row_1\nx\n";
    let errs = format::parse(src).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, 6);
    assert!(
        errs[0].message.contains("duplicate eId `att_2__table_1__row_1`"),
        "{errs:?}"
    );
    // A row the lines did not make may follow.
    let nodes = round_trip("# att_2 [2]\n\n## att_2__table_1\n| 1 | a |\n\n### att_2__table_1__row_2\nx\n");
    assert_eq!(nodes[0].children[0].children.len(), 2);
}
