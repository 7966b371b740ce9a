"""The real cities that the synthetic-event generators place their invented events in.

`eventwire.dedup.synthetic` (per-article reports of incidents, for deduplication) and
`eventwire.store.synthetic` (articles and canonical events, for the API and dashboard) make different
things, but both need real coordinates, country codes and regions, so that distances, country filters
and the map behave as on real data. Coordinates are rounded to 0.01°. Each generator picks its cities
by name, in its own order, since its random draws (and so the data a seed gives) depend on that order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class City:
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3 (PSE for Palestine)
    admin1: str | None = None  # GeoNames admin1 code; given for the cities the dedup generator uses
    feature: str = "city"  # a Place feature: "city", or "admin1" / "region" for areas named like cities


GAZETTEER: dict[str, City] = {
    city.name: city
    for city in (
        City("Caracas", 10.49, -66.88, "VEN", "VE.25"),
        City("Maracaibo", 10.65, -71.64, "VEN", "VE.23"),
        City("San Cristóbal", 7.77, -72.22, "VEN", "VE.20"),
        City("Cúcuta", 7.89, -72.51, "COL", "CO.21"),
        City("Bogotá", 4.61, -74.08, "COL", "CO.34"),
        City("Medellín", 6.25, -75.56, "COL", "CO.02"),
        City("Damascus", 33.51, 36.29, "SYR", "SY.13"),
        City("Aleppo", 36.20, 37.16, "SYR", "SY.09"),
        City("Idlib", 35.93, 36.63, "SYR", "SY.12"),
        City("Kyiv", 50.45, 30.52, "UKR", "UA.12"),
        City("Kharkiv", 49.99, 36.23, "UKR", "UA.07"),
        City("Odesa", 46.48, 30.73, "UKR", "UA.17"),
        City("Belgorod", 50.60, 36.59, "RUS", "RU.09"),
        City("Moscow", 55.76, 37.62, "RUS", "RU.48"),
        City("Khartoum", 15.50, 32.56, "SDN", "SD.29"),
        City("El Fasher", 13.63, 25.35, "SDN", "SD.55"),
        City("Darfur", 13.50, 24.00, "SDN", feature="region"),
        City("Adre", 13.47, 22.20, "TCD", "TD.19"),
        City("Mogadishu", 2.04, 45.34, "SOM", "SO.02"),
        City("Kismayo", -0.36, 42.55, "SOM", "SO.08"),
        City("Bamako", 12.65, -8.00, "MLI", "ML.08"),
        City("Gao", 16.27, -0.04, "MLI", "ML.09"),
        City("Ouagadougou", 12.37, -1.53, "BFA", "BF.53"),
        City("Djibo", 14.10, -1.63, "BFA", "BF.55"),
        City("Niamey", 13.51, 2.11, "NER", "NE.08"),
        City("Maiduguri", 11.85, 13.16, "NGA", "NG.02"),
        City("Kaduna", 10.52, 7.44, "NGA", "NG.23"),
        City("Abuja", 9.06, 7.49, "NGA", "NG.11"),
        City("Goma", -1.68, 29.22, "COD", "CD.11"),
        City("Bukavu", -2.51, 28.86, "COD", "CD.12"),
        City("Kinshasa", -4.32, 15.31, "COD"),
        City("Gisenyi", -1.70, 29.26, "RWA", "RW.14"),
        City("Kigali", -1.95, 30.06, "RWA", "RW.12"),
        City("Nairobi", -1.29, 36.82, "KEN", "KE.30"),
        City("Addis Ababa", 9.03, 38.74, "ETH", "ET.44"),
        City("Gondar", 12.60, 37.47, "ETH", "ET.46"),
        City("Mekelle", 13.50, 39.47, "ETH"),
        City("Tigray", 14.03, 38.32, "ETH", feature="admin1"),
        City("Port-au-Prince", 18.54, -72.34, "HTI", "HT.11"),
        City("Gaza", 31.50, 34.47, "PSE", "PS.GZ"),
        City("Khan Younis", 31.35, 34.31, "PSE", "PS.GZ"),
        City("Jerusalem", 31.77, 35.21, "ISR"),
        City("Sanaa", 15.35, 44.21, "YEM", "YE.26"),
        City("Hodeidah", 14.80, 42.95, "YEM", "YE.08"),
        City("Aden", 12.79, 45.02, "YEM"),
        City("Tehran", 35.69, 51.39, "IRN", "IR.26"),
        City("Karachi", 24.86, 67.01, "PAK", "PK.05"),
        City("Peshawar", 34.01, 71.58, "PAK", "PK.03"),
        City("Kabul", 34.53, 69.17, "AFG", "AF.13"),
        City("Jalalabad", 34.43, 70.45, "AFG", "AF.18"),
        City("Kandahar", 31.63, 65.71, "AFG"),
        City("Dhaka", 23.81, 90.41, "BGD", "BD.81"),
        City("Yangon", 16.87, 96.20, "MMR", "MM.17"),
        City("Sittwe", 20.15, 92.90, "MMR", "MM.01"),
        City("Mandalay", 21.96, 96.09, "MMR"),
        City("Belgrade", 44.79, 20.45, "SRB", "RS.SE"),
        City("Tbilisi", 41.72, 44.79, "GEO", "GE.51"),
        City("Manila", 14.60, 120.98, "PHL", "PH.NCR"),
        City("Mexico City", 19.43, -99.13, "MEX", "MX.09"),
        City("Culiacán", 24.80, -107.39, "MEX", "MX.25"),
        City("Lima", -12.05, -77.04, "PER", "PE.15"),
        City("Quito", -0.18, -78.47, "ECU", "EC.18"),
        City("Santiago", -33.45, -70.67, "CHL"),
        City("Tripoli", 32.89, 13.19, "LBY", "LY.77"),
        City("Baghdad", 33.31, 44.36, "IRQ", "IQ.07"),
        City("Mosul", 36.34, 43.13, "IRQ"),
        City("Beirut", 33.89, 35.50, "LBN", "LB.04"),
        City("Juba", 4.86, 31.57, "SSD", "SS.01"),
        City("Maputo", -25.97, 32.57, "MOZ", "MZ.04"),
        City("Pemba", -12.97, 40.52, "MOZ", "MZ.01"),
        City("Brussels", 50.85, 4.35, "BEL"),
        City("Geneva", 46.20, 6.14, "CHE"),
        City("Washington", 38.90, -77.04, "USA"),
    )
}


def cities(*names: str) -> tuple[City, ...]:
    """The cities called `names`, in that order."""
    return tuple(GAZETTEER[name] for name in names)
