"""The words the demo cluster is made of: places, company and person names, roles, topics.

Kept apart from demo.py so the generator reads as what it does; every list is plain data."""

PLACES = [  # postcode, municipality, province
    ("9000", "Gent", "Oost-Vlaanderen"), ("2000", "Antwerpen", "Antwerpen"), ("3000", "Leuven", "Vlaams-Brabant"),
    ("8000", "Brugge", "West-Vlaanderen"), ("3500", "Hasselt", "Limburg"), ("2800", "Mechelen", "Antwerpen"),
    ("8500", "Kortrijk", "West-Vlaanderen"), ("9300", "Aalst", "Oost-Vlaanderen"), ("3600", "Genk", "Limburg"),
    ("2300", "Turnhout", "Antwerpen"), ("8400", "Oostende", "West-Vlaanderen"), ("9100", "Sint-Niklaas", "Oost-Vlaanderen"),
    ("1800", "Vilvoorde", "Vlaams-Brabant"), ("2440", "Geel", "Antwerpen"), ("8800", "Roeselare", "West-Vlaanderen"),
    ("9200", "Dendermonde", "Oost-Vlaanderen"), ("3800", "Sint-Truiden", "Limburg"), ("1500", "Halle", "Vlaams-Brabant"),
    ("2600", "Berchem", "Antwerpen"), ("9052", "Zwijnaarde", "Oost-Vlaanderen"), ("3001", "Heverlee", "Vlaams-Brabant"),
    ("1000", "Brussel", "Brussels Hoofdstedelijk Gewest"), ("1050", "Elsene", "Brussels Hoofdstedelijk Gewest"),
    ("4000", "Liège", "Liège"), ("1348", "Louvain-la-Neuve", "Brabant wallon"), ("7000", "Mons", "Hainaut"),
]
FOREIGN = [("NL", "5611", "Eindhoven"), ("NL", "3011", "Rotterdam"), ("DE", "52062", "Aachen"),
           ("FR", "59000", "Lille"), ("DE", "50667", "Köln")]
NAME_START = ["Vanden", "De", "Van", "Ver", "Ter", "Blue", "Nova", "Flan", "Scheld", "Lys", "Kempen", "Noord",
              "Polder", "Zuid", "Smart", "Green", "Delta", "Aqua", "Helix", "Quanta", "Vita", "Terra", "Luma", "Arte"]
NAME_CORE = ["berghe", "meersch", "bosch", "steen", "wind", "tech", "gen", "data", "bio", "mare", "port",
             "logic", "werk", "bouw", "motion", "sense", "flow", "matic", "cure", "food", "chem", "grid", "cast", "nova"]
NAME_TAIL = ["Engineering", "Solutions", "Systems", "Labs", "Robotics", "Analytics", "Industries", "Services",
             "Consult", "Technologies", "Foods", "Materials", "Energy", "Health", "Logistics", "Design"]
LEGAL = ["NV", "BV", "CV", "SA", "SRL"]
KNOWLEDGE = ["KU Leuven", "Universiteit Gent", "Vrije Universiteit Brussel", "Universiteit Antwerpen",
             "Universiteit Hasselt", "imec", "VITO", "Flanders Make", "VIB", "Hogeschool Gent", "Thomas More",
             "Howest", "UCLouvain", "Sirris"]
RESEARCH = ["Research group", "Lab", "Department", "Centre"]
FIELDS = ["Materials Science", "Food Technology", "Data Science", "Mechanical Engineering", "Photonics",
          "Energy Systems", "Biotechnology", "Logistics", "Marine Biology", "Health Informatics"]
GOVERNMENT = ["Stad", "Provincie", "POM", "Gemeente", "Intercommunale"]
OTHER = ["Agoria", "Voka", "Unizo", "Fevia", "Essenscia", "Bouwunie", "Beweging", "Netwerk", "Vereniging"]
FIRST = ["Jan", "Pieter", "An", "Els", "Tom", "Sofie", "Koen", "Lien", "Wout", "Nele", "Bart", "Sarah", "Marc",
         "Inge", "Thomas", "Julie", "Lucas", "Emma", "Mathieu", "Chloé", "François", "Hélène", "Noël", "Zoë"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
        "Dubois", "Lambert", "Vermeulen", "Van Damme", "De Clercq", "Desmet", "Lefèvre", "Verbruggen", "Coppens"]
ROLES = ["CEO", "CTO", "Innovation manager", "R&D engineer", "Business developer", "Project manager",
         "Professor", "Policy officer", "Sales manager", "Researcher"]
NACE = ["62.010", "72.190", "28.290", "10.890", "20.590", "71.121", "26.110", "46.690", "52.290", "86.909"]
TOPICS = ["circular plastics", "hydrogen", "digital twins", "food safety", "AI in production", "offshore wind",
          "cybersecurity", "battery recycling", "smart logistics", "bio-based materials", "5G", "healthy ageing"]
ACTIVITY_TITLES = {
    "matchmaking": "Matchmaking: {t}", "workshop": "Workshop {t}", "training": "Training: {t} in practice",
    "study_visit": "Study visit {t}", "network_event": "Network evening on {t}", "webinar": "Webinar: {t}",
    "conference": "Annual conference: {t}", "other": "Member meeting on {t}",
}
