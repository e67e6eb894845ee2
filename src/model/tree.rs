//! Clause trees.
//!
//! [`Node`] is the nested form in which base texts are stored and operations carry new
//! wordings. [`Tree`] is the flat working form that operations are applied to: a map
//! from eId to node, with ordered child lists. Deleted nodes stay in a [`Tree`] with
//! [`Content::Repealed`], so that a second deletion can be caught.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::eid::{EId, NodeKind};
use super::version::{Content, NodeState, Provenance};

/// A node of a nested clause tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Node {
    /// The node's eId.
    pub eid: EId,
    /// Its displayed number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
    /// Its heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Its content.
    #[serde(flatten)]
    pub content: Content,
    /// Its children, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

impl Node {
    /// Visits the node and its descendants in document order.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Node)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }

    /// The number of nodes in this subtree.
    pub fn len(&self) -> usize {
        1 + self.children.iter().map(Node::len).sum::<usize>()
    }

    /// Always false: a node counts itself.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// A structural fault in a clause tree.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    /// Two nodes share an eId.
    #[error("duplicate eId `{0}`")]
    DuplicateEId(EId),
    /// A child's eId does not extend its parent's.
    #[error("eId `{child}` is not a child of `{parent}`")]
    NotAChild {
        /// The parent.
        parent: EId,
        /// The misplaced child.
        child: EId,
    },
    /// A top-level node has a nested eId.
    #[error("top-level node `{0}` has a nested eId")]
    NotTopLevel(EId),
}

/// A node of a flat [`Tree`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeNode {
    /// Its children, in document order.
    pub children: Vec<EId>,
    /// Its current state.
    pub state: NodeState,
    /// Since when it has read so.
    pub since: NaiveDate,
}

/// A flat, mutable clause tree: the state of an act at one point in time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    nodes: HashMap<EId, TreeNode>,
    roots: Vec<EId>,
}

impl Tree {
    /// Builds a tree from nested nodes, every node reading so since `since` by `source`.
    pub fn from_nodes(nodes: &[Node], since: NaiveDate, source: &Provenance) -> Result<Tree, TreeError> {
        let mut tree = Tree::default();
        for n in nodes {
            if n.eid.parent().is_some() {
                return Err(TreeError::NotTopLevel(n.eid.clone()));
            }
            tree.roots.push(n.eid.clone());
            tree.add_subtree(n, since, source)?;
        }
        Ok(tree)
    }

    /// Adds `node` and its descendants (not linking `node` to any parent).
    pub fn add_subtree(&mut self, node: &Node, since: NaiveDate, source: &Provenance) -> Result<(), TreeError> {
        for c in &node.children {
            if c.eid.parent().as_ref() != Some(&node.eid) {
                return Err(TreeError::NotAChild {
                    parent: node.eid.clone(),
                    child: c.eid.clone(),
                });
            }
        }
        if self.nodes.contains_key(&node.eid) {
            return Err(TreeError::DuplicateEId(node.eid.clone()));
        }
        self.nodes.insert(
            node.eid.clone(),
            TreeNode {
                children: node.children.iter().map(|c| c.eid.clone()).collect(),
                state: NodeState {
                    num: node.num.clone(),
                    heading: node.heading.clone(),
                    content: node.content.clone(),
                    source: source.clone(),
                },
                since,
            },
        );
        for c in &node.children {
            self.add_subtree(c, since, source)?;
        }
        Ok(())
    }

    /// The top-level nodes, in order.
    pub fn roots(&self) -> &[EId] {
        &self.roots
    }

    /// The node with this eId.
    pub fn get(&self, eid: &EId) -> Option<&TreeNode> {
        self.nodes.get(eid)
    }

    /// The node with this eId, mutably.
    pub fn get_mut(&mut self, eid: &EId) -> Option<&mut TreeNode> {
        self.nodes.get_mut(eid)
    }

    /// True when a node with this eId exists (even repealed).
    pub fn contains(&self, eid: &EId) -> bool {
        self.nodes.contains_key(eid)
    }

    /// The number of nodes, repealed ones included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the tree has no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The sibling list that holds `eid` (its parent's children, or the roots).
    pub fn siblings_mut(&mut self, eid: &EId) -> Option<&mut Vec<EId>> {
        match eid.parent() {
            None => Some(&mut self.roots),
            Some(p) => self.nodes.get_mut(&p).map(|n| &mut n.children),
        }
    }

    /// `eid` and its descendants in document order.
    pub fn subtree(&self, eid: &EId) -> Vec<EId> {
        let mut out = Vec::new();
        self.collect(eid, &mut out);
        out
    }

    fn collect(&self, eid: &EId, out: &mut Vec<EId>) {
        if let Some(n) = self.nodes.get(eid) {
            out.push(eid.clone());
            for c in &n.children {
                self.collect(c, out);
            }
        }
    }

    /// Every node in document order.
    pub fn all(&self) -> Vec<EId> {
        let mut out = Vec::with_capacity(self.nodes.len());
        for r in &self.roots {
            self.collect(r, &mut out);
        }
        out
    }

    /// The nested form of the subtree at `eid`.
    pub fn to_node(&self, eid: &EId) -> Option<Node> {
        let n = self.nodes.get(eid)?;
        Some(Node {
            eid: eid.clone(),
            num: n.state.num.clone(),
            heading: n.state.heading.clone(),
            content: n.state.content.clone(),
            children: n.children.iter().filter_map(|c| self.to_node(c)).collect(),
        })
    }

    /// The nested form of the whole tree.
    pub fn to_nodes(&self) -> Vec<Node> {
        self.roots.iter().filter_map(|r| self.to_node(r)).collect()
    }

    /// The kind of the node (from its eId).
    pub fn kind(eid: &EId) -> NodeKind {
        eid.kind()
    }
}
