// Decoding and making the cross-chain state messages under codec's decoded aliases: protobufjs types
// nested messages loosely, but what it decodes and creates holds full instances with defaults.
import { pb, type CrossChainVerificationRecordMsg, type ForeignChainRecordMsg, type ForeignChainRegistrationMsg,
  type ForeignTrustedHeaderMsg } from '../../codec/proto.js';

type Props<T extends abstract new (...args: never[]) => unknown> = NonNullable<ConstructorParameters<T>[0]>;

export const decodeChainRecord = (bytes: Uint8Array): ForeignChainRecordMsg => decodeChainRecord(bytes) as ForeignChainRecordMsg;
export const chainRecord = (props: Props<typeof pb.ForeignChainRecord> | ForeignChainRecordMsg): ForeignChainRecordMsg =>
  chainRecord(props as Props<typeof pb.ForeignChainRecord>) as ForeignChainRecordMsg;

export const decodeTrustedHeader = (bytes: Uint8Array): ForeignTrustedHeaderMsg =>
  decodeTrustedHeader(bytes) as ForeignTrustedHeaderMsg;
export const trustedHeader = (props: Props<typeof pb.ForeignTrustedHeader>): ForeignTrustedHeaderMsg =>
  trustedHeader(props) as ForeignTrustedHeaderMsg;

export const decodeRegistration = (bytes: Uint8Array): ForeignChainRegistrationMsg =>
  decodeRegistration(bytes) as ForeignChainRegistrationMsg;

export const decodeVerificationRecord = (bytes: Uint8Array): CrossChainVerificationRecordMsg =>
  decodeVerificationRecord(bytes) as CrossChainVerificationRecordMsg;
