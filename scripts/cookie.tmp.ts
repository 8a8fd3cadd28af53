import { signIn } from "./faults/portal";
signIn(process.argv[2]!, process.argv[3]!, "bench-statements-2026").then((c) => console.log(c));
