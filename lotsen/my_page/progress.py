"""Which dimensions of progress a participant sees of themselves (decision 0203).

The supervisor rates every dimension at each follow-up (placements.ProgressRating). The
participant's page shows the dimensions about the work itself: how the tasks go, the
routines, working with others and looking for a job. "Health and energy" and
"Motivation" are left out of the page: they are the supervisor's reading of how the
person feels, which a number on a screen, read alone, can hurt more than help; they are
talked through at the follow-up instead. The data-subject extract still holds every
rating (the right of access is not narrowed). A dimension the coordinator adds later is
not shown until it is named here.
"""

SHOWN_DIMENSIONS = ("work_skills", "routines", "social_skills", "job_search")
# The rating scale of placements.ProgressRating, 1 to 5.
SCALE_TOP = 5
