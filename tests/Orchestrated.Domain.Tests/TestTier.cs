// The tier of every test in this project (see the README's "Tests"): `./test.sh --fast` runs the unit tier alone.
[assembly: AssemblyTrait("Tier", "unit")]
