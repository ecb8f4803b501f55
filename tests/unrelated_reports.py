"""Five unrelated small reports (one series), written for the background tests: each on its own
subject, sharing only the words any report uses ("should", "improve", "staff", "budget")."""
from graph.analysis.lineage import Node

REPORTS = {
    "bees": (
        ["Beekeepers should inspect hives for varroa mites every month during the season.",
         "The association should train new beekeepers in swarm control and queen rearing.",
         "Municipalities should plant flowering meadows to improve forage for pollinators."],
        ["Winter losses of colonies rose because of mite infestations.",
         "Pesticide use near apiaries is a risk to honey production."]),
    "rail": (
        ["The operator should replace worn sleepers on the northern line before winter.",
         "Track inspections should use ultrasonic testing to find rail cracks early.",
         "Staff should receive better planning tools to improve maintenance schedules."],
        ["Signal failures caused long delays for commuter trains.",
         "Contractors lack resources to clear snow from switches."]),
    "meals": (
        ["Schools should serve more vegetables and whole grains at lunch.",
         "Kitchens should reduce food waste by weighing leftovers each day.",
         "Pupils should have at least twenty minutes to eat their meal."],
        ["Many pupils skip breakfast and lose concentration in class.",
         "Rising food prices strain the budgets of school kitchens."]),
    "coast": (
        ["The county should map coastal erosion with drone surveys every year.",
         "Homeowners near cliffs should be offered relocation grants.",
         "Dunes should be restored with marram grass to slow sand loss."],
        ["Storm surges flood low-lying harbour districts.",
         "Sea level rise threatens roads along the shoreline."]),
    "library": (
        ["The library should digitise fragile newspapers from the nineteenth century.",
         "Librarians should catalogue rare maps with standard metadata.",
         "The reading room should open on weekends to improve access for students."],
        ["Old film reels decay when storage is too humid.",
         "Budget cuts leave the archive without staff to ensure preservation."]),
}


def unrelated_nodes() -> list[Node]:
    nodes = []
    for pos, (report, (recs, risks)) in enumerate(REPORTS.items(), 1):
        for kind, texts in (("recommendation", recs), ("risk", risks)):
            for i, text in enumerate(texts):
                nodes.append(Node(f"{report}-{kind}-{i}", report, pos, 2019 + pos, kind, text))
    return nodes
