"""The fictitious demo world of southern Norrbotten, seeded by `seed_demo`.

Each module seeds one capability's part. They run in the order of `SEED_ORDER`:
organisations before the people in them, and every capability before the effect
measurement that reads them. The demo world depends on every app; no app depends on it.
"""
