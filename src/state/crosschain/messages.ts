// Decoding and making the cross-chain state messages under codec's decoded aliases: protobufjs types
// nested messages loosely, but what it decodes and creates holds full instances with defaults.
import { pb, type CrossChainVerificationRecordMsg, type ForeignChainRecordMsg, type ForeignChainRegistrationMsg,
  type ForeignTrustedHeaderMsg } from '../../codec/proto.js';

type Props<T extends abstract new (...args: never[]) => unknown> = NonNullable<ConstructorParameters<T>[0]>;

export const decodeChainRecord = (bytes: Uint8Array): ForeignChainRecordMsg => pb.ForeignChainRecord.decode(bytes) as ForeignChainRecordMsg;
export const chainRecord = (props: Props<typeof pb.ForeignChainRecord> | ForeignChainRecordMsg): ForeignChainRecordMsg =>
  pb.ForeignChainRecord.create(props as Props<typeof pb.ForeignChainRecord>) as ForeignChainRecordMsg;

export const decodeTrustedHeader = (bytes: Uint8Array): ForeignTrustedHeaderMsg =>
  pb.ForeignTrustedHeader.decode(bytes) as ForeignTrustedHeaderMsg;
export const trustedHeader = (props: Props<typeof pb.ForeignTrustedHeader>): ForeignTrustedHeaderMsg =>
  pb.ForeignTrustedHeader.create(props) as ForeignTrustedHeaderMsg;

export const decodeRegistration = (bytes: Uint8Array): ForeignChainRegistrationMsg =>
  pb.ForeignChainRegistration.decode(bytes) as ForeignChainRegistrationMsg;

export const decodeVerificationRecord = (bytes: Uint8Array): CrossChainVerificationRecordMsg =>
  pb.CrossChainVerificationRecord.decode(bytes) as CrossChainVerificationRecordMsg;
