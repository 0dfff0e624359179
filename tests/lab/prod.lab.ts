/**
 * The prod stack's customer-gateway kits proven against an AWS side emulated from the same captured
 * run, with real charon, zebra and bgpd in network namespaces (docs/cgw.md). Needs root and the
 * packages .ci/run installs.
 */
import { labSuite } from "./suite";

labSuite("prod");
