import type { X3Record } from "./model.js";
import type { SageX3Store } from "./store.js";

export interface SageX3SeedOptions {
  /** Seed the standard data set below. Default true. */
  standard?: boolean;
  /** Extra generated customers C1000, C1001... (for paging tests). Default 0. */
  extraCustomers?: number;
  /** Extra generated products P1000, P1001... Default 0. */
  extraProducts?: number;
  /** Your own records, stored after the standard set. */
  records?: Partial<Record<"BPCUSTOMER" | "BPSUPPLIER" | "ITMMASTER" | "CACCE" | "FACILITY", X3Record[]>>;
}

/** The standard data set: two sites, three retail customers with ship-to addresses, a supplier, products with UPC/GTIN, dimensions. */
export const standardSeed = {
  FACILITY: [
    { FCY: "US01", FCYNAM: "Chicago distribution center", LEGCPY: "USCPY", CRY: "US" },
    { FCY: "US02", FCYNAM: "Dallas warehouse", LEGCPY: "USCPY", CRY: "US" },
  ],
  BPCUSTOMER: [
    {
      BPCNUM: "C0001",
      BPCNAM: "Acme Retail Stores",
      BPCSTA: 2,
      CUR: "USD",
      PTE: "NET30",
      BPCINV: "C0001",
      BPAADD: "HQ",
      BPCBPA: [
        {
          BPAADD: "HQ",
          BPADES: "Head office",
          BPAADDLIG: ["1 Acme Plaza"],
          POSCOD: "10001",
          CTY: "New York",
          SAT: "NY",
          CRY: "US",
        },
        {
          BPAADD: "DC01",
          BPADES: "Acme DC East",
          BPAADDLIG: ["100 Logistics Way"],
          POSCOD: "07001",
          CTY: "Avenel",
          SAT: "NJ",
          CRY: "US",
          EXTNUM: "0001",
        },
        {
          BPAADD: "ST042",
          BPADES: "Acme store 42",
          BPAADDLIG: ["42 Main St"],
          POSCOD: "60601",
          CTY: "Chicago",
          SAT: "IL",
          CRY: "US",
          EXTNUM: "0042",
        },
      ],
    },
    {
      BPCNUM: "C0002",
      BPCNAM: "Bigbox Outlet",
      BPCSTA: 2,
      CUR: "USD",
      PTE: "NET45",
      BPCINV: "C0002",
      BPAADD: "MAIN",
      BPCBPA: [
        {
          BPAADD: "MAIN",
          BPADES: "Bigbox HQ",
          BPAADDLIG: ["9 Commerce Rd"],
          POSCOD: "75201",
          CTY: "Dallas",
          SAT: "TX",
          CRY: "US",
        },
        {
          BPAADD: "DC09",
          BPADES: "Bigbox DC 9",
          BPAADDLIG: ["900 Freight Ave"],
          POSCOD: "85001",
          CTY: "Phoenix",
          SAT: "AZ",
          CRY: "US",
          EXTNUM: "009",
        },
      ],
    },
    {
      BPCNUM: "C0003",
      BPCNAM: "Corner Shops Ltd",
      BPCSTA: 2,
      CUR: "CAD",
      PTE: "NET30",
      BPCINV: "C0003",
      BPAADD: "TOR",
      BPCBPA: [
        {
          BPAADD: "TOR",
          BPADES: "Toronto",
          BPAADDLIG: ["1 King St W"],
          POSCOD: "M5H 1A1",
          CTY: "Toronto",
          SAT: "ON",
          CRY: "CA",
          EXTNUM: "T01",
        },
      ],
    },
  ],
  BPSUPPLIER: [{ BPSNUM: "S0001", BPSNAM: "Acme Retail Stores (as supplier)", BPSSHO: "ACME", CUR: "USD" }],
  ITMMASTER: [
    {
      ITMREF: "WID-001",
      ITMDES1: "Blue widget",
      TCLCOD: "WID",
      ITMSTA: 1,
      STU: "EA",
      SAU: "EA",
      SAUSTUCOE: 1,
      PUU: "EA",
      EANCOD: "00012345678905",
      UPCCOD: "012345678905",
      BASPRI: 4.5,
    },
    {
      ITMREF: "WID-002",
      ITMDES1: "Red widget",
      TCLCOD: "WID",
      ITMSTA: 1,
      STU: "EA",
      SAU: "EA",
      SAUSTUCOE: 1,
      PUU: "EA",
      EANCOD: "00012345678912",
      UPCCOD: "012345678912",
      BASPRI: 5.25,
    },
    {
      ITMREF: "GAD-100",
      ITMDES1: "Gadget, case of 12",
      TCLCOD: "GAD",
      ITMSTA: 1,
      STU: "EA",
      SAU: "CS",
      SAUSTUCOE: 12,
      PUU: "CS",
      EANCOD: "10012345678919",
      UPCCOD: "012345678929",
      BASPRI: 60,
    },
    {
      ITMREF: "GIZ-200",
      ITMDES1: "Gizmo",
      TCLCOD: "GIZ",
      ITMSTA: 1,
      STU: "EA",
      SAU: "EA",
      SAUSTUCOE: 1,
      PUU: "EA",
      EANCOD: "00012345678936",
      UPCCOD: "012345678936",
      BASPRI: 12,
    },
  ],
  CACCE: [
    { DIE: "CCT", CCE: "RETAIL", DES: "Retail channel", DESSHO: "Retail" },
    { DIE: "CCT", CCE: "ECOM", DES: "E-commerce channel", DESSHO: "E-com" },
    { DIE: "DEP", CCE: "D100", DES: "Department 100", DESSHO: "Dept 100" },
  ],
} as const satisfies Record<string, readonly X3Record[]>;

export function seedStore(store: SageX3Store, options: SageX3SeedOptions = {}): void {
  if (options.standard ?? true) {
    for (const [className, records] of Object.entries(standardSeed)) {
      for (const record of records)
        store.put(className as keyof typeof standardSeed, structuredClone(record) as X3Record);
    }
  }
  for (let i = 0; i < (options.extraCustomers ?? 0); i += 1) {
    const number = `C${String(1000 + i).padStart(5, "0")}`;
    store.put("BPCUSTOMER", {
      BPCNUM: number,
      BPCNAM: `Generated customer ${i}`,
      BPCSTA: 2,
      CUR: "USD",
      BPCINV: number,
      BPAADD: "MAIN",
      BPCBPA: [{ BPAADD: "MAIN", BPADES: "Main", CRY: "US" }],
    });
  }
  for (let i = 0; i < (options.extraProducts ?? 0); i += 1) {
    store.put("ITMMASTER", {
      ITMREF: `P${String(1000 + i).padStart(5, "0")}`,
      ITMDES1: `Generated product ${i}`,
      ITMSTA: 1,
      STU: "EA",
      SAU: "EA",
      BASPRI: 1 + (i % 50),
    });
  }
  for (const [className, records] of Object.entries(options.records ?? {})) {
    for (const record of records ?? []) store.put(className as keyof typeof standardSeed, structuredClone(record));
  }
}
