"""Counts of passages per tag and actor, moved by delta, always equal a full recount."""

from __future__ import annotations

import random
from collections import Counter

from workbench.edits import change_annotation, delete_annotation
from workbench.samples import seed_sample
from workbench.store import Store
from workbench.store.usage import UsageCounts
from workbench.tagging import tag_passage


def test_delta_counts_follow_every_kind_of_edit() -> None:
    store = Store.memory(analyst="Tess")
    document = seed_sample(store).document
    assert document is not None
    usage = UsageCounts(store)
    rng = random.Random(3)
    tags = store.tags.all()
    made = []
    for step in range(120):
        choice = rng.random()
        if choice < 0.5 or not made:
            start = rng.randrange(0, len(document.text) - 40)
            edit, passage = tag_passage(store, document=document, start=start, end=start + 30,
                                        tag=rng.choice(tags),
                                        actor_name=rng.choice(["Russia", "Turkey", ""]))
            made.append(passage.id)
        elif choice < 0.8:
            edit = change_annotation(rng.choice(made), tag_id=rng.choice(tags).id)
        else:
            edit = delete_annotation(rng.choice(made))
        with store.transaction():
            changes = edit.apply(store)
        if step % 7 == 0:
            with store.transaction():
                changes |= edit.revert(store)  # undo too
        usage.update(changes.annotations)
        live = store.annotations.where()
        assert min([*usage.tags.values(), *usage.actors.values(), 0]) >= 0
        assert usage.tags - Counter() == Counter(a.tag_id for a in live)
        assert usage.actors - Counter() == Counter(a.actor_id for a in live if a.actor_id)
    store.close()
