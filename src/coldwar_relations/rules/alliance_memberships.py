"""Memberships: inside the organisation's life and the state's existence, one spell at a time."""

from __future__ import annotations

import pandas as pd

from coldwar_relations.rules.base import existed_between, row_rule


@row_rule("membership-spell-end-after-start", ["start_date", "end_date"], "end_date must not be before start_date")
def end_after_start(df, tables):
    return df["end_date_latest"].isna() | (df["end_date_latest"] >= df["start_date_earliest"])


@row_rule("membership-one-spell-at-a-time", ["organisation_id", "country_id", "start_date", "end_date"],
          "a state's spells in one organisation may touch (one ends the day the next begins) but not overlap")
def one_at_a_time(df, tables):
    frame = df.sort_values(["organisation_id", "country_id", "start_date_earliest"])
    keys = [frame["organisation_id"], frame["country_id"]]
    previous_end = frame["end_date_earliest"].fillna(pd.Timestamp.max.floor("D")).groupby(keys).shift()
    clash = (frame["start_date_latest"] < previous_end).fillna(False)
    return ~clash.reindex(df.index)


@row_rule("membership-inside-organisation", ["organisation_id", "start_date", "end_date"],
          "a membership lies between the organisation's signature and its dissolution", reads=("alliances",))
def inside_organisation(df, tables):
    orgs = tables["alliances"].set_index("organisation_id")
    signed, dissolved = df["organisation_id"].map(orgs["signed_earliest"]), df["organisation_id"].map(orgs["dissolved_latest"])
    starts_ok = signed.isna() | (df["start_date_latest"] >= signed)
    ends_ok = dissolved.isna() | (df["end_date_earliest"].fillna(dissolved) <= dissolved)
    return starts_ok & ends_ok


@row_rule("membership-state-existed", ["country_id", "start_date", "end_date"],
          "the state must be a COW or GW member when the spell starts and on the day before it ends",
          reads=("state_memberships",))
def state_existed(df, tables):
    existed = existed_between(tables["state_memberships"])
    day = pd.Timedelta(days=1)  # a spell ends the day the next begins, or the day after the state's last
    return pd.Series([existed(c, a, b) and (pd.isna(e1) or existed(c, e1 - day, e2 - day))
                      for c, a, b, e1, e2 in zip(df["country_id"], df["start_date_earliest"], df["start_date_latest"],
                                                 df["end_date_earliest"], df["end_date_latest"])], index=df.index)



@row_rule("membership-agrees-with-treaty-events", ["organisation_id", "country_id", "start_date", "end_date"],
          "a state that left the organisation by a treaty event (treaty_terminated, the state its initiator) "
          "is no member after that day unless a later event of the treaty brings it back",
          reads=("alliances", "events", "event_actors"))
def agrees_with_treaty_events(df, tables):
    treaties = tables["alliances"].dropna(subset=["treaty_instrument"]).set_index("treaty_instrument")["organisation_id"]
    events = tables["events"].assign(organisation_id=lambda e: e["instrument"].map(treaties)).dropna(
        subset=["organisation_id"])
    acts = events.merge(tables["event_actors"], on="event_id")
    left = acts[(acts["event_type"] == "treaty_terminated") & (acts["role"] == "initiator")]
    joined = acts[acts["event_type"].isin(["treaty_signed", "treaty_in_force"])]
    ok = pd.Series(True, index=df.index)
    for exit_ in left.itertuples():
        mine = (df["organisation_id"] == exit_.organisation_id) & (df["country_id"] == exit_.country_id)
        after = df["end_date_earliest"].isna() | (df["end_date_earliest"] > exit_.date_latest)
        back = joined[(joined["organisation_id"] == exit_.organisation_id) & (joined["country_id"] == exit_.country_id)
                      & (joined["date_earliest"] > exit_.date_latest)]["date_earliest"].min()
        still = mine & after & (pd.isna(back) | (df["start_date_earliest"] < back))
        ok &= ~still
    return ok



RULES = [end_after_start, one_at_a_time, inside_organisation, state_existed, agrees_with_treaty_events]
