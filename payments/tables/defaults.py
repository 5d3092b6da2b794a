"""The product brief's PPP tiers (a full-size term, USD): seven tiers in $600 steps from
$3,000 to $6,600. Used by the demo data and the tests; staff import their own versions."""

TIERS = {
    1: ("3000.00", ["IN", "BR", "NG", "PK", "BD", "ID", "VN", "EG", "KE"]),
    2: ("3600.00", ["CN", "MX", "TR", "ZA", "AR", "CO"]),
    3: ("4200.00", ["PL", "PT", "GR", "CZ", "CL"]),
    4: ("4800.00", ["ES", "IT", "KR"]),
    5: ("5400.00", ["DE", "FR", "JP", "NL", "BE", "AT"]),
    6: ("6000.00", ["US", "GB", "CA", "IE", "SE"]),
    7: ("6600.00", ["AU", "CH", "NO", "DK"]),
}


def tiers_csv(tiers: dict = TIERS) -> str:
    lines = ["country,tier,amount"]
    for tier, (amount, codes) in tiers.items():
        lines += [f"{code},{tier},{amount}" for code in codes]
    return "\n".join(lines) + "\n"
