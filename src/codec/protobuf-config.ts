// Must be evaluated before the generated codec: without Long support protobufjs decodes 64-bit
// integers to plain numbers, which is what the code base uses (heights, millisecond times and
// nonces stay below 2^53). A value beyond 2^53 loses precision, re-encodes differently and is then
// refused by decodeCanonical, so no silent truncation reaches state.
import $protobuf from 'protobufjs/minimal.js';

($protobuf.util as { Long: unknown }).Long = undefined;
$protobuf.configure();
