//! The checks of roles: ids, names and summaries, their facts, examples
//! and next steps, their specialties, and the profiles of both (a target
//! in 0..1 for every dimension).

use super::*;

impl Checker<'_> {
    pub(super) fn roles(&mut self, roles: &[Option<RoleDef>], ids: &DimensionIds) -> Vec<Role> {
        if roles.len() < 2 {
            self.push(
                Problem::new(
                    Code::TooFewRoles,
                    "roles",
                    format!(
                        "a bank needs at least two roles to compare, this one has {}",
                        roles.len()
                    ),
                )
                .hint("add the roles a student chooses between"),
            );
        }
        let mut seen = HashMap::new();
        let mut seen_specialties = HashMap::new();
        let mut built = Vec::new();
        for (i, role) in roles.iter().enumerate() {
            let Some(r) = role else { continue };
            let at = At::top("roles").index(i);
            self.id(at.key("id"), &r.id);
            self.unique(&mut seen, &r.id, i, |i| At::top("roles").index(i), "role");
            self.text(at.key("name"), &r.name);
            self.text(at.key("summary"), &r.summary);
            let facts = self.facts(at, &r.facts);
            for (field, what, list) in [
                ("examples", "examples", &r.examples),
                ("next_steps", "next steps", &r.next_steps),
            ] {
                let list_at = at.key(field);
                let within = self.within(list_at, list.len(), MAX_SHORT_LIST, "a role", what);
                for (j, text) in list[..within].iter().enumerate() {
                    self.text(list_at.index(j), text);
                }
            }
            if let Some(source) = &r.source {
                self.shown(at.key("source"), source, Target::Value);
            }
            let profile = self.profile(at, &r.id, &r.profile, ids);
            let mut specialties = Vec::new();
            let specialties_at = at.key("specialties");
            let count = r.specialties.len();
            let within = self.within(
                specialties_at,
                count,
                MAX_SPECIALTIES,
                "a role",
                "specialties",
            );
            for (j, sp) in r.specialties[..within].iter().enumerate() {
                let at = specialties_at.index(j);
                self.id(at.key("id"), &sp.id);
                self.unique(
                    &mut seen_specialties,
                    &sp.id,
                    (i, j),
                    |(i, j)| At::top("roles").index(i).key("specialties").index(j),
                    "specialty",
                );
                self.text(at.key("name"), &sp.name);
                if let Some(summary) = &sp.summary {
                    self.text(at.key("summary"), summary);
                }
                if let Some(source) = &sp.source {
                    self.text(at.key("source"), source);
                }
                specialties.push(Specialty {
                    id: sp.id.clone(),
                    name: sp.name.trim().to_string(),
                    summary: sp.summary.as_ref().map(|t| t.trim().to_string()),
                    facts: self.facts(at, &sp.facts),
                    profile: self.profile(at, &sp.id, &sp.profile, ids),
                    source: sp.source.as_ref().map(|t| t.trim().to_string()),
                });
            }
            built.push(Role {
                id: r.id.clone(),
                name: r.name.trim().to_string(),
                summary: r.summary.trim().to_string(),
                profile,
                facts,
                examples: r.examples.clone(),
                next_steps: r.next_steps.clone(),
                source: r.source.clone(),
                specialties,
            });
        }
        built
    }

    /// Checks a role's or specialty's facts and returns them trimmed.
    fn facts(&mut self, at: At<'_>, facts: &IndexMap<String, String>) -> Vec<(String, String)> {
        let facts_at = at.key("facts");
        if let Some((label, _)) = facts.get_index(MAX_SHORT_LIST) {
            // A mapping's entries are named by their labels, not counted.
            let owner = if at.has_key("specialties") {
                "a specialty"
            } else {
                "a role"
            };
            self.push(
                limits::too_many(
                    facts_at.key(label).into(),
                    facts.len(),
                    MAX_SHORT_LIST,
                    owner,
                    "facts",
                )
                .at_key(),
            );
        }
        for (label, text) in facts.iter().take(MAX_SHORT_LIST) {
            let fact = facts_at.key(label);
            if label.trim().is_empty() {
                self.push(
                    Problem::new(Code::EmptyText, fact, "a fact has an empty label").at_key(),
                );
            }
            self.shown(fact, label, Target::Key);
            self.text(fact, text);
        }
        facts
            .iter()
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    }

    /// Checks a role's or specialty's profile (`owner` is its id): a target
    /// in 0..1 for every dimension and no other.
    fn profile(
        &mut self,
        at: At<'_>,
        owner: &str,
        targets: &IndexMap<String, f64>,
        ids: &DimensionIds,
    ) -> Vec<f64> {
        let profile_at = at.key("profile");
        let mut profile = vec![f64::NAN; ids.0.len()];
        // Which targets were written, even as `.nan` (already reported).
        let mut given = vec![false; ids.0.len()];
        for (dimension, &target) in targets {
            let here = profile_at.key(dimension);
            let Some(index) = self.dimension_ref(here, dimension, ids) else {
                continue;
            };
            if !(target.is_finite() && (0.0..=1.0).contains(&target)) {
                self.push(
                    Problem::new(
                        Code::BadTarget,
                        here,
                        format!(
                            "the target for `{}` must be between 0 and 1, not {}",
                            excerpt(dimension),
                            show(target)
                        ),
                    )
                    .hint("0 means the dimension's `low` end, 1 its `high` end"),
                );
            }
            profile[index] = target;
            given[index] = true;
        }
        let mut missing: Vec<&str> = ids
            .0
            .iter()
            .filter(|(_, index)| !given[**index])
            .map(|(id, _)| id.as_str())
            .collect();
        if !missing.is_empty() {
            missing.sort_by_key(|id| ids.0[*id]);
            let list: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
            self.push(
                Problem::new(
                    Code::MissingTarget,
                    profile_at,
                    format!(
                        "the profile of `{}` has no target for {}",
                        owner,
                        list.join(", ")
                    ),
                )
                .at_key()
                .hint("give a target between 0 and 1 for every dimension"),
            );
        }
        profile
    }
}
