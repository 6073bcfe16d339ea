import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace tianping. */
export namespace tianping {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a SignedTx.
         * @deprecated Use tianping.v1.SignedTx.$Properties instead.
         */
        interface ISignedTx extends tianping.v1.SignedTx.$Properties {
        }

        /** Represents a SignedTx. */
        class SignedTx {

            /**
             * Constructs a new SignedTx.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.SignedTx.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SignedTx body. */
            body: Uint8Array;

            /** SignedTx signature. */
            signature: Uint8Array;

            /**
             * Creates a new SignedTx instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SignedTx instance
             */
            static create(properties: tianping.v1.SignedTx.$Shape): tianping.v1.SignedTx & tianping.v1.SignedTx.$Shape;
            static create(properties?: tianping.v1.SignedTx.$Properties): tianping.v1.SignedTx;

            /**
             * Encodes the specified SignedTx message. Does not implicitly {@link tianping.v1.SignedTx.verify|verify} messages.
             * @param message SignedTx message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.SignedTx.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SignedTx message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.SignedTx & tianping.v1.SignedTx.$Shape} SignedTx
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.SignedTx & tianping.v1.SignedTx.$Shape;

            /**
             * Gets the type url for SignedTx
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SignedTx {

            /** Properties of a SignedTx. */
            interface $Properties {

                /** SignedTx body */
                body?: (Uint8Array|null);

                /** SignedTx signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SignedTx. */
            type $Shape = tianping.v1.SignedTx.$Properties;
        }

        /**
         * Properties of a TxBody.
         * @deprecated Use tianping.v1.TxBody.$Properties instead.
         */
        interface ITxBody extends tianping.v1.TxBody.$Properties {
        }

        /** Represents a TxBody. */
        class TxBody {

            /**
             * Constructs a new TxBody.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.TxBody.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TxBody chainId. */
            chainId: string;

            /** TxBody signer. */
            signer: Uint8Array;

            /** TxBody nonce. */
            nonce: number;

            /** TxBody expiresAtMs. */
            expiresAtMs: number;

            /** TxBody anchorEvidence. */
            anchorEvidence?: (tianping.v1.AnchorEvidence.$Properties|null);

            /** TxBody anchorBatch. */
            anchorBatch?: (tianping.v1.AnchorBatch.$Properties|null);

            /** TxBody reportEquivocation. */
            reportEquivocation?: (tianping.v1.ReportEquivocation.$Properties|null);

            /** TxBody joinRequest. */
            joinRequest?: (tianping.v1.JoinRequest.$Properties|null);

            /** TxBody memberChange. */
            memberChange?: (tianping.v1.MemberChangeRequest.$Properties|null);

            /** TxBody rotateKey. */
            rotateKey?: (tianping.v1.RotateKeyRequest.$Properties|null);

            /** TxBody governanceVote. */
            governanceVote?: (tianping.v1.GovernanceVote.$Properties|null);

            /** TxBody action. */
            action?: ("anchorEvidence"|"anchorBatch"|"reportEquivocation"|"joinRequest"|"memberChange"|"rotateKey"|"governanceVote");

            /**
             * Creates a new TxBody instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TxBody instance
             */
            static create(properties: tianping.v1.TxBody.$Shape): tianping.v1.TxBody & tianping.v1.TxBody.$Shape;
            static create(properties?: tianping.v1.TxBody.$Properties): tianping.v1.TxBody;

            /**
             * Encodes the specified TxBody message. Does not implicitly {@link tianping.v1.TxBody.verify|verify} messages.
             * @param message TxBody message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.TxBody.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TxBody message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.TxBody & tianping.v1.TxBody.$Shape} TxBody
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.TxBody & tianping.v1.TxBody.$Shape;

            /**
             * Gets the type url for TxBody
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TxBody {

            /** Properties of a TxBody. */
            interface $Properties {

                /** TxBody chainId */
                chainId?: (string|null);

                /** TxBody signer */
                signer?: (Uint8Array|null);

                /** TxBody nonce */
                nonce?: (number|null);

                /** TxBody expiresAtMs */
                expiresAtMs?: (number|null);

                /** TxBody anchorEvidence */
                anchorEvidence?: (tianping.v1.AnchorEvidence.$Properties|null);

                /** TxBody anchorBatch */
                anchorBatch?: (tianping.v1.AnchorBatch.$Properties|null);

                /** TxBody reportEquivocation */
                reportEquivocation?: (tianping.v1.ReportEquivocation.$Properties|null);

                /** TxBody joinRequest */
                joinRequest?: (tianping.v1.JoinRequest.$Properties|null);

                /** TxBody memberChange */
                memberChange?: (tianping.v1.MemberChangeRequest.$Properties|null);

                /** TxBody rotateKey */
                rotateKey?: (tianping.v1.RotateKeyRequest.$Properties|null);

                /** TxBody governanceVote */
                governanceVote?: (tianping.v1.GovernanceVote.$Properties|null);

                /** TxBody action */
                action?: ("anchorEvidence"|"anchorBatch"|"reportEquivocation"|"joinRequest"|"memberChange"|"rotateKey"|"governanceVote");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a TxBody. */
            type $Shape = {
              chainId?: string|null;
              signer?: Uint8Array|null;
              nonce?: number|null;
              expiresAtMs?: number|null;
              anchorEvidence?: tianping.v1.AnchorEvidence.$Shape|null;
              anchorBatch?: tianping.v1.AnchorBatch.$Shape|null;
              reportEquivocation?: tianping.v1.ReportEquivocation.$Shape|null;
              joinRequest?: tianping.v1.JoinRequest.$Shape|null;
              memberChange?: tianping.v1.MemberChangeRequest.$Shape|null;
              rotateKey?: tianping.v1.RotateKeyRequest.$Shape|null;
              governanceVote?: tianping.v1.GovernanceVote.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ action?: undefined; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "anchorEvidence"; anchorEvidence: tianping.v1.AnchorEvidence.$Shape; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "anchorBatch"; anchorEvidence?: null; anchorBatch: tianping.v1.AnchorBatch.$Shape; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "reportEquivocation"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation: tianping.v1.ReportEquivocation.$Shape; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "joinRequest"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest: tianping.v1.JoinRequest.$Shape; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "memberChange"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange: tianping.v1.MemberChangeRequest.$Shape; rotateKey?: null; governanceVote?: null }|{ action?: "rotateKey"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey: tianping.v1.RotateKeyRequest.$Shape; governanceVote?: null }|{ action?: "governanceVote"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote: tianping.v1.GovernanceVote.$Shape })
            );
        }

        /** MemberRole enum. */
        enum MemberRole {

            /** MEMBER_ROLE_UNSPECIFIED value */
            MEMBER_ROLE_UNSPECIFIED = 0,

            /** MEMBER_ROLE_VALIDATOR value */
            MEMBER_ROLE_VALIDATOR = 1,

            /** MEMBER_ROLE_OBSERVER value */
            MEMBER_ROLE_OBSERVER = 2,

            /** MEMBER_ROLE_SUBMITTER value */
            MEMBER_ROLE_SUBMITTER = 3,

            /** MEMBER_ROLE_VERIFIER value */
            MEMBER_ROLE_VERIFIER = 4,

            /** MEMBER_ROLE_EXECUTOR value */
            MEMBER_ROLE_EXECUTOR = 5,

            /** MEMBER_ROLE_ORACLE value */
            MEMBER_ROLE_ORACLE = 6
        }

        /**
         * Properties of a JoinRequest.
         * @deprecated Use tianping.v1.JoinRequest.$Properties instead.
         */
        interface IJoinRequest extends tianping.v1.JoinRequest.$Properties {
        }

        /** Represents a JoinRequest. */
        class JoinRequest {

            /**
             * Constructs a new JoinRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.JoinRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** JoinRequest name. */
            name: string;

            /** JoinRequest organisation. */
            organisation: string;

            /** JoinRequest role. */
            role: tianping.v1.MemberRole;

            /** JoinRequest addresses. */
            addresses: string[];

            /** JoinRequest evaluationReportDigest. */
            evaluationReportDigest: Uint8Array;

            /** JoinRequest power. */
            power: number;

            /** JoinRequest categories. */
            categories: string[];

            /**
             * Creates a new JoinRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinRequest instance
             */
            static create(properties: tianping.v1.JoinRequest.$Shape): tianping.v1.JoinRequest & tianping.v1.JoinRequest.$Shape;
            static create(properties?: tianping.v1.JoinRequest.$Properties): tianping.v1.JoinRequest;

            /**
             * Encodes the specified JoinRequest message. Does not implicitly {@link tianping.v1.JoinRequest.verify|verify} messages.
             * @param message JoinRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.JoinRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.JoinRequest & tianping.v1.JoinRequest.$Shape} JoinRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.JoinRequest & tianping.v1.JoinRequest.$Shape;

            /**
             * Gets the type url for JoinRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace JoinRequest {

            /** Properties of a JoinRequest. */
            interface $Properties {

                /** JoinRequest name */
                name?: (string|null);

                /** JoinRequest organisation */
                organisation?: (string|null);

                /** JoinRequest role */
                role?: (tianping.v1.MemberRole|null);

                /** JoinRequest addresses */
                addresses?: (string[]|null);

                /** JoinRequest evaluationReportDigest */
                evaluationReportDigest?: (Uint8Array|null);

                /** JoinRequest power */
                power?: (number|null);

                /** JoinRequest categories */
                categories?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JoinRequest. */
            type $Shape = tianping.v1.JoinRequest.$Properties;
        }

        /** MemberChangeKind enum. */
        enum MemberChangeKind {

            /** MEMBER_CHANGE_KIND_UNSPECIFIED value */
            MEMBER_CHANGE_KIND_UNSPECIFIED = 0,

            /** MEMBER_CHANGE_KIND_REMOVE value */
            MEMBER_CHANGE_KIND_REMOVE = 1,

            /** MEMBER_CHANGE_KIND_SUSPEND value */
            MEMBER_CHANGE_KIND_SUSPEND = 2,

            /** MEMBER_CHANGE_KIND_REINSTATE value */
            MEMBER_CHANGE_KIND_REINSTATE = 3
        }

        /**
         * Properties of a MemberChangeRequest.
         * @deprecated Use tianping.v1.MemberChangeRequest.$Properties instead.
         */
        interface IMemberChangeRequest extends tianping.v1.MemberChangeRequest.$Properties {
        }

        /** Represents a MemberChangeRequest. */
        class MemberChangeRequest {

            /**
             * Constructs a new MemberChangeRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.MemberChangeRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MemberChangeRequest kind. */
            kind: tianping.v1.MemberChangeKind;

            /** MemberChangeRequest member. */
            member: Uint8Array;

            /** MemberChangeRequest reason. */
            reason: string;

            /**
             * Creates a new MemberChangeRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MemberChangeRequest instance
             */
            static create(properties: tianping.v1.MemberChangeRequest.$Shape): tianping.v1.MemberChangeRequest & tianping.v1.MemberChangeRequest.$Shape;
            static create(properties?: tianping.v1.MemberChangeRequest.$Properties): tianping.v1.MemberChangeRequest;

            /**
             * Encodes the specified MemberChangeRequest message. Does not implicitly {@link tianping.v1.MemberChangeRequest.verify|verify} messages.
             * @param message MemberChangeRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.MemberChangeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MemberChangeRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.MemberChangeRequest & tianping.v1.MemberChangeRequest.$Shape} MemberChangeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.MemberChangeRequest & tianping.v1.MemberChangeRequest.$Shape;

            /**
             * Gets the type url for MemberChangeRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace MemberChangeRequest {

            /** Properties of a MemberChangeRequest. */
            interface $Properties {

                /** MemberChangeRequest kind */
                kind?: (tianping.v1.MemberChangeKind|null);

                /** MemberChangeRequest member */
                member?: (Uint8Array|null);

                /** MemberChangeRequest reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MemberChangeRequest. */
            type $Shape = tianping.v1.MemberChangeRequest.$Properties;
        }

        /**
         * Properties of a RotateKeyRequest.
         * @deprecated Use tianping.v1.RotateKeyRequest.$Properties instead.
         */
        interface IRotateKeyRequest extends tianping.v1.RotateKeyRequest.$Properties {
        }

        /** Represents a RotateKeyRequest. */
        class RotateKeyRequest {

            /**
             * Constructs a new RotateKeyRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.RotateKeyRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RotateKeyRequest newKey. */
            newKey: Uint8Array;

            /** RotateKeyRequest newKeyProof. */
            newKeyProof: Uint8Array;

            /**
             * Creates a new RotateKeyRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RotateKeyRequest instance
             */
            static create(properties: tianping.v1.RotateKeyRequest.$Shape): tianping.v1.RotateKeyRequest & tianping.v1.RotateKeyRequest.$Shape;
            static create(properties?: tianping.v1.RotateKeyRequest.$Properties): tianping.v1.RotateKeyRequest;

            /**
             * Encodes the specified RotateKeyRequest message. Does not implicitly {@link tianping.v1.RotateKeyRequest.verify|verify} messages.
             * @param message RotateKeyRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.RotateKeyRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RotateKeyRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.RotateKeyRequest & tianping.v1.RotateKeyRequest.$Shape} RotateKeyRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.RotateKeyRequest & tianping.v1.RotateKeyRequest.$Shape;

            /**
             * Gets the type url for RotateKeyRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RotateKeyRequest {

            /** Properties of a RotateKeyRequest. */
            interface $Properties {

                /** RotateKeyRequest newKey */
                newKey?: (Uint8Array|null);

                /** RotateKeyRequest newKeyProof */
                newKeyProof?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RotateKeyRequest. */
            type $Shape = tianping.v1.RotateKeyRequest.$Properties;
        }

        /**
         * Properties of a GovernanceVote.
         * @deprecated Use tianping.v1.GovernanceVote.$Properties instead.
         */
        interface IGovernanceVote extends tianping.v1.GovernanceVote.$Properties {
        }

        /** Represents a GovernanceVote. */
        class GovernanceVote {

            /**
             * Constructs a new GovernanceVote.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.GovernanceVote.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** GovernanceVote proposalId. */
            proposalId: Uint8Array;

            /** GovernanceVote approve. */
            approve: boolean;

            /**
             * Creates a new GovernanceVote instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GovernanceVote instance
             */
            static create(properties: tianping.v1.GovernanceVote.$Shape): tianping.v1.GovernanceVote & tianping.v1.GovernanceVote.$Shape;
            static create(properties?: tianping.v1.GovernanceVote.$Properties): tianping.v1.GovernanceVote;

            /**
             * Encodes the specified GovernanceVote message. Does not implicitly {@link tianping.v1.GovernanceVote.verify|verify} messages.
             * @param message GovernanceVote message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.GovernanceVote.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GovernanceVote message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.GovernanceVote & tianping.v1.GovernanceVote.$Shape} GovernanceVote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.GovernanceVote & tianping.v1.GovernanceVote.$Shape;

            /**
             * Gets the type url for GovernanceVote
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace GovernanceVote {

            /** Properties of a GovernanceVote. */
            interface $Properties {

                /** GovernanceVote proposalId */
                proposalId?: (Uint8Array|null);

                /** GovernanceVote approve */
                approve?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GovernanceVote. */
            type $Shape = tianping.v1.GovernanceVote.$Properties;
        }

        /** HashAlgorithm enum. */
        enum HashAlgorithm {

            /** HASH_ALGORITHM_UNSPECIFIED value */
            HASH_ALGORITHM_UNSPECIFIED = 0,

            /** HASH_ALGORITHM_SHA256 value */
            HASH_ALGORITHM_SHA256 = 1,

            /** HASH_ALGORITHM_SM3 value */
            HASH_ALGORITHM_SM3 = 2
        }

        /**
         * Properties of an AnchorEvidence.
         * @deprecated Use tianping.v1.AnchorEvidence.$Properties instead.
         */
        interface IAnchorEvidence extends tianping.v1.AnchorEvidence.$Properties {
        }

        /** Represents an AnchorEvidence. */
        class AnchorEvidence {

            /**
             * Constructs a new AnchorEvidence.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.AnchorEvidence.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AnchorEvidence algorithm. */
            algorithm: tianping.v1.HashAlgorithm;

            /** AnchorEvidence digest. */
            digest: Uint8Array;

            /** AnchorEvidence category. */
            category: string;

            /** AnchorEvidence externalRef. */
            externalRef: string;

            /** AnchorEvidence metadataDigest. */
            metadataDigest: Uint8Array;

            /** AnchorEvidence salted. */
            salted: boolean;

            /**
             * Creates a new AnchorEvidence instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AnchorEvidence instance
             */
            static create(properties: tianping.v1.AnchorEvidence.$Shape): tianping.v1.AnchorEvidence & tianping.v1.AnchorEvidence.$Shape;
            static create(properties?: tianping.v1.AnchorEvidence.$Properties): tianping.v1.AnchorEvidence;

            /**
             * Encodes the specified AnchorEvidence message. Does not implicitly {@link tianping.v1.AnchorEvidence.verify|verify} messages.
             * @param message AnchorEvidence message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.AnchorEvidence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AnchorEvidence message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.AnchorEvidence & tianping.v1.AnchorEvidence.$Shape} AnchorEvidence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.AnchorEvidence & tianping.v1.AnchorEvidence.$Shape;

            /**
             * Gets the type url for AnchorEvidence
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace AnchorEvidence {

            /** Properties of an AnchorEvidence. */
            interface $Properties {

                /** AnchorEvidence algorithm */
                algorithm?: (tianping.v1.HashAlgorithm|null);

                /** AnchorEvidence digest */
                digest?: (Uint8Array|null);

                /** AnchorEvidence category */
                category?: (string|null);

                /** AnchorEvidence externalRef */
                externalRef?: (string|null);

                /** AnchorEvidence metadataDigest */
                metadataDigest?: (Uint8Array|null);

                /** AnchorEvidence salted */
                salted?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AnchorEvidence. */
            type $Shape = tianping.v1.AnchorEvidence.$Properties;
        }

        /**
         * Properties of a ReportEquivocation.
         * @deprecated Use tianping.v1.ReportEquivocation.$Properties instead.
         */
        interface IReportEquivocation extends tianping.v1.ReportEquivocation.$Properties {
        }

        /** Represents a ReportEquivocation. */
        class ReportEquivocation {

            /**
             * Constructs a new ReportEquivocation.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.ReportEquivocation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ReportEquivocation duplicateVote. */
            duplicateVote?: (tianping.v1.DuplicateVote.$Properties|null);

            /** ReportEquivocation duplicateProposal. */
            duplicateProposal?: (tianping.v1.DuplicateProposal.$Properties|null);

            /** ReportEquivocation kind. */
            kind?: ("duplicateVote"|"duplicateProposal");

            /**
             * Creates a new ReportEquivocation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReportEquivocation instance
             */
            static create(properties: tianping.v1.ReportEquivocation.$Shape): tianping.v1.ReportEquivocation & tianping.v1.ReportEquivocation.$Shape;
            static create(properties?: tianping.v1.ReportEquivocation.$Properties): tianping.v1.ReportEquivocation;

            /**
             * Encodes the specified ReportEquivocation message. Does not implicitly {@link tianping.v1.ReportEquivocation.verify|verify} messages.
             * @param message ReportEquivocation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.ReportEquivocation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReportEquivocation message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.ReportEquivocation & tianping.v1.ReportEquivocation.$Shape} ReportEquivocation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.ReportEquivocation & tianping.v1.ReportEquivocation.$Shape;

            /**
             * Gets the type url for ReportEquivocation
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReportEquivocation {

            /** Properties of a ReportEquivocation. */
            interface $Properties {

                /** ReportEquivocation duplicateVote */
                duplicateVote?: (tianping.v1.DuplicateVote.$Properties|null);

                /** ReportEquivocation duplicateProposal */
                duplicateProposal?: (tianping.v1.DuplicateProposal.$Properties|null);

                /** ReportEquivocation kind */
                kind?: ("duplicateVote"|"duplicateProposal");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ReportEquivocation. */
            type $Shape = {
              duplicateVote?: tianping.v1.DuplicateVote.$Shape|null;
              duplicateProposal?: tianping.v1.DuplicateProposal.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; duplicateVote?: null; duplicateProposal?: null }|{ kind?: "duplicateVote"; duplicateVote: tianping.v1.DuplicateVote.$Shape; duplicateProposal?: null }|{ kind?: "duplicateProposal"; duplicateVote?: null; duplicateProposal: tianping.v1.DuplicateProposal.$Shape })
            );
        }

        /**
         * Properties of a DuplicateVote.
         * @deprecated Use tianping.v1.DuplicateVote.$Properties instead.
         */
        interface IDuplicateVote extends tianping.v1.DuplicateVote.$Properties {
        }

        /** Represents a DuplicateVote. */
        class DuplicateVote {

            /**
             * Constructs a new DuplicateVote.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.DuplicateVote.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DuplicateVote voteA. */
            voteA?: (tianping.v1.Vote.$Properties|null);

            /** DuplicateVote voteB. */
            voteB?: (tianping.v1.Vote.$Properties|null);

            /**
             * Creates a new DuplicateVote instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DuplicateVote instance
             */
            static create(properties: tianping.v1.DuplicateVote.$Shape): tianping.v1.DuplicateVote & tianping.v1.DuplicateVote.$Shape;
            static create(properties?: tianping.v1.DuplicateVote.$Properties): tianping.v1.DuplicateVote;

            /**
             * Encodes the specified DuplicateVote message. Does not implicitly {@link tianping.v1.DuplicateVote.verify|verify} messages.
             * @param message DuplicateVote message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.DuplicateVote.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DuplicateVote message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.DuplicateVote & tianping.v1.DuplicateVote.$Shape} DuplicateVote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.DuplicateVote & tianping.v1.DuplicateVote.$Shape;

            /**
             * Gets the type url for DuplicateVote
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DuplicateVote {

            /** Properties of a DuplicateVote. */
            interface $Properties {

                /** DuplicateVote voteA */
                voteA?: (tianping.v1.Vote.$Properties|null);

                /** DuplicateVote voteB */
                voteB?: (tianping.v1.Vote.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DuplicateVote. */
            type $Shape = tianping.v1.DuplicateVote.$Properties;
        }

        /**
         * Properties of a SignedProposalHeader.
         * @deprecated Use tianping.v1.SignedProposalHeader.$Properties instead.
         */
        interface ISignedProposalHeader extends tianping.v1.SignedProposalHeader.$Properties {
        }

        /** Represents a SignedProposalHeader. */
        class SignedProposalHeader {

            /**
             * Constructs a new SignedProposalHeader.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.SignedProposalHeader.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SignedProposalHeader height. */
            height: number;

            /** SignedProposalHeader round. */
            round: number;

            /** SignedProposalHeader validRound. */
            validRound: number;

            /** SignedProposalHeader blockHash. */
            blockHash: Uint8Array;

            /** SignedProposalHeader proposerIndex. */
            proposerIndex: number;

            /** SignedProposalHeader signature. */
            signature: Uint8Array;

            /**
             * Creates a new SignedProposalHeader instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SignedProposalHeader instance
             */
            static create(properties: tianping.v1.SignedProposalHeader.$Shape): tianping.v1.SignedProposalHeader & tianping.v1.SignedProposalHeader.$Shape;
            static create(properties?: tianping.v1.SignedProposalHeader.$Properties): tianping.v1.SignedProposalHeader;

            /**
             * Encodes the specified SignedProposalHeader message. Does not implicitly {@link tianping.v1.SignedProposalHeader.verify|verify} messages.
             * @param message SignedProposalHeader message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.SignedProposalHeader.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SignedProposalHeader message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.SignedProposalHeader & tianping.v1.SignedProposalHeader.$Shape} SignedProposalHeader
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.SignedProposalHeader & tianping.v1.SignedProposalHeader.$Shape;

            /**
             * Gets the type url for SignedProposalHeader
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SignedProposalHeader {

            /** Properties of a SignedProposalHeader. */
            interface $Properties {

                /** SignedProposalHeader height */
                height?: (number|null);

                /** SignedProposalHeader round */
                round?: (number|null);

                /** SignedProposalHeader validRound */
                validRound?: (number|null);

                /** SignedProposalHeader blockHash */
                blockHash?: (Uint8Array|null);

                /** SignedProposalHeader proposerIndex */
                proposerIndex?: (number|null);

                /** SignedProposalHeader signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SignedProposalHeader. */
            type $Shape = tianping.v1.SignedProposalHeader.$Properties;
        }

        /**
         * Properties of a DuplicateProposal.
         * @deprecated Use tianping.v1.DuplicateProposal.$Properties instead.
         */
        interface IDuplicateProposal extends tianping.v1.DuplicateProposal.$Properties {
        }

        /** Represents a DuplicateProposal. */
        class DuplicateProposal {

            /**
             * Constructs a new DuplicateProposal.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.DuplicateProposal.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DuplicateProposal proposalA. */
            proposalA?: (tianping.v1.SignedProposalHeader.$Properties|null);

            /** DuplicateProposal proposalB. */
            proposalB?: (tianping.v1.SignedProposalHeader.$Properties|null);

            /**
             * Creates a new DuplicateProposal instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DuplicateProposal instance
             */
            static create(properties: tianping.v1.DuplicateProposal.$Shape): tianping.v1.DuplicateProposal & tianping.v1.DuplicateProposal.$Shape;
            static create(properties?: tianping.v1.DuplicateProposal.$Properties): tianping.v1.DuplicateProposal;

            /**
             * Encodes the specified DuplicateProposal message. Does not implicitly {@link tianping.v1.DuplicateProposal.verify|verify} messages.
             * @param message DuplicateProposal message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.DuplicateProposal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DuplicateProposal message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.DuplicateProposal & tianping.v1.DuplicateProposal.$Shape} DuplicateProposal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.DuplicateProposal & tianping.v1.DuplicateProposal.$Shape;

            /**
             * Gets the type url for DuplicateProposal
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DuplicateProposal {

            /** Properties of a DuplicateProposal. */
            interface $Properties {

                /** DuplicateProposal proposalA */
                proposalA?: (tianping.v1.SignedProposalHeader.$Properties|null);

                /** DuplicateProposal proposalB */
                proposalB?: (tianping.v1.SignedProposalHeader.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DuplicateProposal. */
            type $Shape = tianping.v1.DuplicateProposal.$Properties;
        }

        /**
         * Properties of an AnchorBatch.
         * @deprecated Use tianping.v1.AnchorBatch.$Properties instead.
         */
        interface IAnchorBatch extends tianping.v1.AnchorBatch.$Properties {
        }

        /** Represents an AnchorBatch. */
        class AnchorBatch {

            /**
             * Constructs a new AnchorBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.AnchorBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AnchorBatch algorithm. */
            algorithm: tianping.v1.HashAlgorithm;

            /** AnchorBatch category. */
            category: string;

            /** AnchorBatch indexed. */
            indexed?: (tianping.v1.IndexedItems.$Properties|null);

            /** AnchorBatch rootOnly. */
            rootOnly?: (tianping.v1.RootOnly.$Properties|null);

            /** AnchorBatch externalRef. */
            externalRef: string;

            /** AnchorBatch metadataDigest. */
            metadataDigest: Uint8Array;

            /** AnchorBatch salted. */
            salted: boolean;

            /** AnchorBatch kind. */
            kind?: ("indexed"|"rootOnly");

            /**
             * Creates a new AnchorBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AnchorBatch instance
             */
            static create(properties: tianping.v1.AnchorBatch.$Shape): tianping.v1.AnchorBatch & tianping.v1.AnchorBatch.$Shape;
            static create(properties?: tianping.v1.AnchorBatch.$Properties): tianping.v1.AnchorBatch;

            /**
             * Encodes the specified AnchorBatch message. Does not implicitly {@link tianping.v1.AnchorBatch.verify|verify} messages.
             * @param message AnchorBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.AnchorBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AnchorBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.AnchorBatch & tianping.v1.AnchorBatch.$Shape} AnchorBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.AnchorBatch & tianping.v1.AnchorBatch.$Shape;

            /**
             * Gets the type url for AnchorBatch
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace AnchorBatch {

            /** Properties of an AnchorBatch. */
            interface $Properties {

                /** AnchorBatch algorithm */
                algorithm?: (tianping.v1.HashAlgorithm|null);

                /** AnchorBatch category */
                category?: (string|null);

                /** AnchorBatch indexed */
                indexed?: (tianping.v1.IndexedItems.$Properties|null);

                /** AnchorBatch rootOnly */
                rootOnly?: (tianping.v1.RootOnly.$Properties|null);

                /** AnchorBatch externalRef */
                externalRef?: (string|null);

                /** AnchorBatch metadataDigest */
                metadataDigest?: (Uint8Array|null);

                /** AnchorBatch salted */
                salted?: (boolean|null);

                /** AnchorBatch kind */
                kind?: ("indexed"|"rootOnly");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an AnchorBatch. */
            type $Shape = {
              algorithm?: tianping.v1.HashAlgorithm|null;
              category?: string|null;
              indexed?: tianping.v1.IndexedItems.$Shape|null;
              rootOnly?: tianping.v1.RootOnly.$Shape|null;
              externalRef?: string|null;
              metadataDigest?: Uint8Array|null;
              salted?: boolean|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; indexed?: null; rootOnly?: null }|{ kind?: "indexed"; indexed: tianping.v1.IndexedItems.$Shape; rootOnly?: null }|{ kind?: "rootOnly"; indexed?: null; rootOnly: tianping.v1.RootOnly.$Shape })
            );
        }

        /**
         * Properties of an IndexedItems.
         * @deprecated Use tianping.v1.IndexedItems.$Properties instead.
         */
        interface IIndexedItems extends tianping.v1.IndexedItems.$Properties {
        }

        /** Represents an IndexedItems. */
        class IndexedItems {

            /**
             * Constructs a new IndexedItems.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.IndexedItems.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** IndexedItems digests. */
            digests: Uint8Array[];

            /**
             * Creates a new IndexedItems instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IndexedItems instance
             */
            static create(properties: tianping.v1.IndexedItems.$Shape): tianping.v1.IndexedItems & tianping.v1.IndexedItems.$Shape;
            static create(properties?: tianping.v1.IndexedItems.$Properties): tianping.v1.IndexedItems;

            /**
             * Encodes the specified IndexedItems message. Does not implicitly {@link tianping.v1.IndexedItems.verify|verify} messages.
             * @param message IndexedItems message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.IndexedItems.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IndexedItems message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.IndexedItems & tianping.v1.IndexedItems.$Shape} IndexedItems
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.IndexedItems & tianping.v1.IndexedItems.$Shape;

            /**
             * Gets the type url for IndexedItems
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace IndexedItems {

            /** Properties of an IndexedItems. */
            interface $Properties {

                /** IndexedItems digests */
                digests?: (Uint8Array[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IndexedItems. */
            type $Shape = tianping.v1.IndexedItems.$Properties;
        }

        /**
         * Properties of a RootOnly.
         * @deprecated Use tianping.v1.RootOnly.$Properties instead.
         */
        interface IRootOnly extends tianping.v1.RootOnly.$Properties {
        }

        /** Represents a RootOnly. */
        class RootOnly {

            /**
             * Constructs a new RootOnly.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.RootOnly.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RootOnly root. */
            root: Uint8Array;

            /** RootOnly itemCount. */
            itemCount: number;

            /**
             * Creates a new RootOnly instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RootOnly instance
             */
            static create(properties: tianping.v1.RootOnly.$Shape): tianping.v1.RootOnly & tianping.v1.RootOnly.$Shape;
            static create(properties?: tianping.v1.RootOnly.$Properties): tianping.v1.RootOnly;

            /**
             * Encodes the specified RootOnly message. Does not implicitly {@link tianping.v1.RootOnly.verify|verify} messages.
             * @param message RootOnly message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.RootOnly.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RootOnly message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.RootOnly & tianping.v1.RootOnly.$Shape} RootOnly
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.RootOnly & tianping.v1.RootOnly.$Shape;

            /**
             * Gets the type url for RootOnly
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RootOnly {

            /** Properties of a RootOnly. */
            interface $Properties {

                /** RootOnly root */
                root?: (Uint8Array|null);

                /** RootOnly itemCount */
                itemCount?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RootOnly. */
            type $Shape = tianping.v1.RootOnly.$Properties;
        }

        /**
         * Properties of a Receipt.
         * @deprecated Use tianping.v1.Receipt.$Properties instead.
         */
        interface IReceipt extends tianping.v1.Receipt.$Properties {
        }

        /** Represents a Receipt. */
        class Receipt {

            /**
             * Constructs a new Receipt.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.Receipt.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Receipt version. */
            version: number;

            /** Receipt chainId. */
            chainId: string;

            /** Receipt algorithm. */
            algorithm: tianping.v1.HashAlgorithm;

            /** Receipt digest. */
            digest: Uint8Array;

            /** Receipt salted. */
            salted: boolean;

            /** Receipt batch. */
            batch?: (tianping.v1.BatchPath.$Properties|null);

            /** Receipt tx. */
            tx: Uint8Array;

            /** Receipt txIndex. */
            txIndex: number;

            /** Receipt txCount. */
            txCount: number;

            /** Receipt txProof. */
            txProof: Uint8Array[];

            /** Receipt header. */
            header: Uint8Array;

            /** Receipt commit. */
            commit: Uint8Array;

            /** Receipt setChanges. */
            setChanges: tianping.v1.ValidatorSetChange.$Properties[];

            /**
             * Creates a new Receipt instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Receipt instance
             */
            static create(properties: tianping.v1.Receipt.$Shape): tianping.v1.Receipt & tianping.v1.Receipt.$Shape;
            static create(properties?: tianping.v1.Receipt.$Properties): tianping.v1.Receipt;

            /**
             * Encodes the specified Receipt message. Does not implicitly {@link tianping.v1.Receipt.verify|verify} messages.
             * @param message Receipt message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.Receipt.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Receipt message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.Receipt & tianping.v1.Receipt.$Shape} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.Receipt & tianping.v1.Receipt.$Shape;

            /**
             * Gets the type url for Receipt
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Receipt {

            /** Properties of a Receipt. */
            interface $Properties {

                /** Receipt version */
                version?: (number|null);

                /** Receipt chainId */
                chainId?: (string|null);

                /** Receipt algorithm */
                algorithm?: (tianping.v1.HashAlgorithm|null);

                /** Receipt digest */
                digest?: (Uint8Array|null);

                /** Receipt salted */
                salted?: (boolean|null);

                /** Receipt batch */
                batch?: (tianping.v1.BatchPath.$Properties|null);

                /** Receipt tx */
                tx?: (Uint8Array|null);

                /** Receipt txIndex */
                txIndex?: (number|null);

                /** Receipt txCount */
                txCount?: (number|null);

                /** Receipt txProof */
                txProof?: (Uint8Array[]|null);

                /** Receipt header */
                header?: (Uint8Array|null);

                /** Receipt commit */
                commit?: (Uint8Array|null);

                /** Receipt setChanges */
                setChanges?: (tianping.v1.ValidatorSetChange.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Receipt. */
            type $Shape = tianping.v1.Receipt.$Properties;
        }

        /**
         * Properties of a BatchPath.
         * @deprecated Use tianping.v1.BatchPath.$Properties instead.
         */
        interface IBatchPath extends tianping.v1.BatchPath.$Properties {
        }

        /** Represents a BatchPath. */
        class BatchPath {

            /**
             * Constructs a new BatchPath.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.BatchPath.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BatchPath itemIndex. */
            itemIndex: number;

            /** BatchPath itemCount. */
            itemCount: number;

            /** BatchPath path. */
            path: Uint8Array[];

            /**
             * Creates a new BatchPath instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BatchPath instance
             */
            static create(properties: tianping.v1.BatchPath.$Shape): tianping.v1.BatchPath & tianping.v1.BatchPath.$Shape;
            static create(properties?: tianping.v1.BatchPath.$Properties): tianping.v1.BatchPath;

            /**
             * Encodes the specified BatchPath message. Does not implicitly {@link tianping.v1.BatchPath.verify|verify} messages.
             * @param message BatchPath message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.BatchPath.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BatchPath message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.BatchPath & tianping.v1.BatchPath.$Shape} BatchPath
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.BatchPath & tianping.v1.BatchPath.$Shape;

            /**
             * Gets the type url for BatchPath
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BatchPath {

            /** Properties of a BatchPath. */
            interface $Properties {

                /** BatchPath itemIndex */
                itemIndex?: (number|null);

                /** BatchPath itemCount */
                itemCount?: (number|null);

                /** BatchPath path */
                path?: (Uint8Array[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BatchPath. */
            type $Shape = tianping.v1.BatchPath.$Properties;
        }

        /**
         * Properties of a ValidatorSetChange.
         * @deprecated Use tianping.v1.ValidatorSetChange.$Properties instead.
         */
        interface IValidatorSetChange extends tianping.v1.ValidatorSetChange.$Properties {
        }

        /** Represents a ValidatorSetChange. */
        class ValidatorSetChange {

            /**
             * Constructs a new ValidatorSetChange.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.ValidatorSetChange.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ValidatorSetChange header. */
            header: Uint8Array;

            /** ValidatorSetChange commit. */
            commit: Uint8Array;

            /** ValidatorSetChange nextValidators. */
            nextValidators?: (tianping.v1.ValidatorSet.$Properties|null);

            /**
             * Creates a new ValidatorSetChange instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ValidatorSetChange instance
             */
            static create(properties: tianping.v1.ValidatorSetChange.$Shape): tianping.v1.ValidatorSetChange & tianping.v1.ValidatorSetChange.$Shape;
            static create(properties?: tianping.v1.ValidatorSetChange.$Properties): tianping.v1.ValidatorSetChange;

            /**
             * Encodes the specified ValidatorSetChange message. Does not implicitly {@link tianping.v1.ValidatorSetChange.verify|verify} messages.
             * @param message ValidatorSetChange message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.ValidatorSetChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ValidatorSetChange message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.ValidatorSetChange & tianping.v1.ValidatorSetChange.$Shape} ValidatorSetChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.ValidatorSetChange & tianping.v1.ValidatorSetChange.$Shape;

            /**
             * Gets the type url for ValidatorSetChange
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ValidatorSetChange {

            /** Properties of a ValidatorSetChange. */
            interface $Properties {

                /** ValidatorSetChange header */
                header?: (Uint8Array|null);

                /** ValidatorSetChange commit */
                commit?: (Uint8Array|null);

                /** ValidatorSetChange nextValidators */
                nextValidators?: (tianping.v1.ValidatorSet.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ValidatorSetChange. */
            type $Shape = tianping.v1.ValidatorSetChange.$Properties;
        }

        /**
         * Properties of an EquivocationRecord.
         * @deprecated Use tianping.v1.EquivocationRecord.$Properties instead.
         */
        interface IEquivocationRecord extends tianping.v1.EquivocationRecord.$Properties {
        }

        /** Represents an EquivocationRecord. */
        class EquivocationRecord {

            /**
             * Constructs a new EquivocationRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.EquivocationRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EquivocationRecord validator. */
            validator: Uint8Array;

            /** EquivocationRecord offenceHeight. */
            offenceHeight: number;

            /** EquivocationRecord offenceRound. */
            offenceRound: number;

            /** EquivocationRecord kind. */
            kind: string;

            /** EquivocationRecord reporter. */
            reporter: Uint8Array;

            /** EquivocationRecord height. */
            height: number;

            /** EquivocationRecord txHash. */
            txHash: Uint8Array;

            /** EquivocationRecord proof. */
            proof?: (tianping.v1.ReportEquivocation.$Properties|null);

            /**
             * Creates a new EquivocationRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EquivocationRecord instance
             */
            static create(properties: tianping.v1.EquivocationRecord.$Shape): tianping.v1.EquivocationRecord & tianping.v1.EquivocationRecord.$Shape;
            static create(properties?: tianping.v1.EquivocationRecord.$Properties): tianping.v1.EquivocationRecord;

            /**
             * Encodes the specified EquivocationRecord message. Does not implicitly {@link tianping.v1.EquivocationRecord.verify|verify} messages.
             * @param message EquivocationRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.EquivocationRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EquivocationRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.EquivocationRecord & tianping.v1.EquivocationRecord.$Shape} EquivocationRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.EquivocationRecord & tianping.v1.EquivocationRecord.$Shape;

            /**
             * Gets the type url for EquivocationRecord
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EquivocationRecord {

            /** Properties of an EquivocationRecord. */
            interface $Properties {

                /** EquivocationRecord validator */
                validator?: (Uint8Array|null);

                /** EquivocationRecord offenceHeight */
                offenceHeight?: (number|null);

                /** EquivocationRecord offenceRound */
                offenceRound?: (number|null);

                /** EquivocationRecord kind */
                kind?: (string|null);

                /** EquivocationRecord reporter */
                reporter?: (Uint8Array|null);

                /** EquivocationRecord height */
                height?: (number|null);

                /** EquivocationRecord txHash */
                txHash?: (Uint8Array|null);

                /** EquivocationRecord proof */
                proof?: (tianping.v1.ReportEquivocation.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EquivocationRecord. */
            type $Shape = {
              validator?: Uint8Array|null;
              offenceHeight?: number|null;
              offenceRound?: number|null;
              kind?: string|null;
              reporter?: Uint8Array|null;
              height?: number|null;
              txHash?: Uint8Array|null;
              proof?: tianping.v1.ReportEquivocation.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of an EvidenceRecord.
         * @deprecated Use tianping.v1.EvidenceRecord.$Properties instead.
         */
        interface IEvidenceRecord extends tianping.v1.EvidenceRecord.$Properties {
        }

        /** Represents an EvidenceRecord. */
        class EvidenceRecord {

            /**
             * Constructs a new EvidenceRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.EvidenceRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EvidenceRecord algorithm. */
            algorithm: tianping.v1.HashAlgorithm;

            /** EvidenceRecord digest. */
            digest: Uint8Array;

            /** EvidenceRecord category. */
            category: string;

            /** EvidenceRecord submitter. */
            submitter: Uint8Array;

            /** EvidenceRecord externalRef. */
            externalRef: string;

            /** EvidenceRecord metadataDigest. */
            metadataDigest: Uint8Array;

            /** EvidenceRecord salted. */
            salted: boolean;

            /** EvidenceRecord height. */
            height: number;

            /** EvidenceRecord timeMs. */
            timeMs: number;

            /** EvidenceRecord txHash. */
            txHash: Uint8Array;

            /** EvidenceRecord txIndex. */
            txIndex: number;

            /** EvidenceRecord inBatch. */
            inBatch: boolean;

            /** EvidenceRecord batchItemIndex. */
            batchItemIndex: number;

            /** EvidenceRecord batchItemCount. */
            batchItemCount: number;

            /**
             * Creates a new EvidenceRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EvidenceRecord instance
             */
            static create(properties: tianping.v1.EvidenceRecord.$Shape): tianping.v1.EvidenceRecord & tianping.v1.EvidenceRecord.$Shape;
            static create(properties?: tianping.v1.EvidenceRecord.$Properties): tianping.v1.EvidenceRecord;

            /**
             * Encodes the specified EvidenceRecord message. Does not implicitly {@link tianping.v1.EvidenceRecord.verify|verify} messages.
             * @param message EvidenceRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.EvidenceRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EvidenceRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.EvidenceRecord & tianping.v1.EvidenceRecord.$Shape} EvidenceRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.EvidenceRecord & tianping.v1.EvidenceRecord.$Shape;

            /**
             * Gets the type url for EvidenceRecord
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EvidenceRecord {

            /** Properties of an EvidenceRecord. */
            interface $Properties {

                /** EvidenceRecord algorithm */
                algorithm?: (tianping.v1.HashAlgorithm|null);

                /** EvidenceRecord digest */
                digest?: (Uint8Array|null);

                /** EvidenceRecord category */
                category?: (string|null);

                /** EvidenceRecord submitter */
                submitter?: (Uint8Array|null);

                /** EvidenceRecord externalRef */
                externalRef?: (string|null);

                /** EvidenceRecord metadataDigest */
                metadataDigest?: (Uint8Array|null);

                /** EvidenceRecord salted */
                salted?: (boolean|null);

                /** EvidenceRecord height */
                height?: (number|null);

                /** EvidenceRecord timeMs */
                timeMs?: (number|null);

                /** EvidenceRecord txHash */
                txHash?: (Uint8Array|null);

                /** EvidenceRecord txIndex */
                txIndex?: (number|null);

                /** EvidenceRecord inBatch */
                inBatch?: (boolean|null);

                /** EvidenceRecord batchItemIndex */
                batchItemIndex?: (number|null);

                /** EvidenceRecord batchItemCount */
                batchItemCount?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EvidenceRecord. */
            type $Shape = tianping.v1.EvidenceRecord.$Properties;
        }

        /**
         * Properties of a BatchItemRef.
         * @deprecated Use tianping.v1.BatchItemRef.$Properties instead.
         */
        interface IBatchItemRef extends tianping.v1.BatchItemRef.$Properties {
        }

        /** Represents a BatchItemRef. */
        class BatchItemRef {

            /**
             * Constructs a new BatchItemRef.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.BatchItemRef.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BatchItemRef height. */
            height: number;

            /** BatchItemRef txIndex. */
            txIndex: number;

            /** BatchItemRef itemIndex. */
            itemIndex: number;

            /**
             * Creates a new BatchItemRef instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BatchItemRef instance
             */
            static create(properties: tianping.v1.BatchItemRef.$Shape): tianping.v1.BatchItemRef & tianping.v1.BatchItemRef.$Shape;
            static create(properties?: tianping.v1.BatchItemRef.$Properties): tianping.v1.BatchItemRef;

            /**
             * Encodes the specified BatchItemRef message. Does not implicitly {@link tianping.v1.BatchItemRef.verify|verify} messages.
             * @param message BatchItemRef message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.BatchItemRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BatchItemRef message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.BatchItemRef & tianping.v1.BatchItemRef.$Shape} BatchItemRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.BatchItemRef & tianping.v1.BatchItemRef.$Shape;

            /**
             * Gets the type url for BatchItemRef
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BatchItemRef {

            /** Properties of a BatchItemRef. */
            interface $Properties {

                /** BatchItemRef height */
                height?: (number|null);

                /** BatchItemRef txIndex */
                txIndex?: (number|null);

                /** BatchItemRef itemIndex */
                itemIndex?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BatchItemRef. */
            type $Shape = tianping.v1.BatchItemRef.$Properties;
        }

        /**
         * Properties of a TxLocation.
         * @deprecated Use tianping.v1.TxLocation.$Properties instead.
         */
        interface ITxLocation extends tianping.v1.TxLocation.$Properties {
        }

        /** Represents a TxLocation. */
        class TxLocation {

            /**
             * Constructs a new TxLocation.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.TxLocation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TxLocation height. */
            height: number;

            /** TxLocation index. */
            index: number;

            /** TxLocation resultCode. */
            resultCode: number;

            /**
             * Creates a new TxLocation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TxLocation instance
             */
            static create(properties: tianping.v1.TxLocation.$Shape): tianping.v1.TxLocation & tianping.v1.TxLocation.$Shape;
            static create(properties?: tianping.v1.TxLocation.$Properties): tianping.v1.TxLocation;

            /**
             * Encodes the specified TxLocation message. Does not implicitly {@link tianping.v1.TxLocation.verify|verify} messages.
             * @param message TxLocation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.TxLocation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TxLocation message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.TxLocation & tianping.v1.TxLocation.$Shape} TxLocation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.TxLocation & tianping.v1.TxLocation.$Shape;

            /**
             * Gets the type url for TxLocation
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TxLocation {

            /** Properties of a TxLocation. */
            interface $Properties {

                /** TxLocation height */
                height?: (number|null);

                /** TxLocation index */
                index?: (number|null);

                /** TxLocation resultCode */
                resultCode?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TxLocation. */
            type $Shape = tianping.v1.TxLocation.$Properties;
        }

        /**
         * Properties of a Header.
         * @deprecated Use tianping.v1.Header.$Properties instead.
         */
        interface IHeader extends tianping.v1.Header.$Properties {
        }

        /** Represents a Header. */
        class Header {

            /**
             * Constructs a new Header.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.Header.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Header chainId. */
            chainId: string;

            /** Header height. */
            height: number;

            /** Header timeMs. */
            timeMs: number;

            /** Header prevBlockHash. */
            prevBlockHash: Uint8Array;

            /** Header historyRoot. */
            historyRoot: Uint8Array;

            /** Header txRoot. */
            txRoot: Uint8Array;

            /** Header appHash. */
            appHash: Uint8Array;

            /** Header resultsHash. */
            resultsHash: Uint8Array;

            /** Header validatorsHash. */
            validatorsHash: Uint8Array;

            /** Header nextValidatorsHash. */
            nextValidatorsHash: Uint8Array;

            /** Header proposer. */
            proposer: Uint8Array;

            /** Header txCount. */
            txCount: number;

            /**
             * Creates a new Header instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Header instance
             */
            static create(properties: tianping.v1.Header.$Shape): tianping.v1.Header & tianping.v1.Header.$Shape;
            static create(properties?: tianping.v1.Header.$Properties): tianping.v1.Header;

            /**
             * Encodes the specified Header message. Does not implicitly {@link tianping.v1.Header.verify|verify} messages.
             * @param message Header message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.Header.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Header message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.Header & tianping.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.Header & tianping.v1.Header.$Shape;

            /**
             * Gets the type url for Header
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Header {

            /** Properties of a Header. */
            interface $Properties {

                /** Header chainId */
                chainId?: (string|null);

                /** Header height */
                height?: (number|null);

                /** Header timeMs */
                timeMs?: (number|null);

                /** Header prevBlockHash */
                prevBlockHash?: (Uint8Array|null);

                /** Header historyRoot */
                historyRoot?: (Uint8Array|null);

                /** Header txRoot */
                txRoot?: (Uint8Array|null);

                /** Header appHash */
                appHash?: (Uint8Array|null);

                /** Header resultsHash */
                resultsHash?: (Uint8Array|null);

                /** Header validatorsHash */
                validatorsHash?: (Uint8Array|null);

                /** Header nextValidatorsHash */
                nextValidatorsHash?: (Uint8Array|null);

                /** Header proposer */
                proposer?: (Uint8Array|null);

                /** Header txCount */
                txCount?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Header. */
            type $Shape = tianping.v1.Header.$Properties;
        }

        /**
         * Properties of a Block.
         * @deprecated Use tianping.v1.Block.$Properties instead.
         */
        interface IBlock extends tianping.v1.Block.$Properties {
        }

        /** Represents a Block. */
        class Block {

            /**
             * Constructs a new Block.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.Block.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Block header. */
            header: Uint8Array;

            /** Block txs. */
            txs: Uint8Array[];

            /**
             * Creates a new Block instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Block instance
             */
            static create(properties: tianping.v1.Block.$Shape): tianping.v1.Block & tianping.v1.Block.$Shape;
            static create(properties?: tianping.v1.Block.$Properties): tianping.v1.Block;

            /**
             * Encodes the specified Block message. Does not implicitly {@link tianping.v1.Block.verify|verify} messages.
             * @param message Block message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.Block.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Block message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.Block & tianping.v1.Block.$Shape} Block
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.Block & tianping.v1.Block.$Shape;

            /**
             * Gets the type url for Block
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Block {

            /** Properties of a Block. */
            interface $Properties {

                /** Block header */
                header?: (Uint8Array|null);

                /** Block txs */
                txs?: (Uint8Array[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Block. */
            type $Shape = tianping.v1.Block.$Properties;
        }

        /** VoteType enum. */
        enum VoteType {

            /** VOTE_TYPE_UNSPECIFIED value */
            VOTE_TYPE_UNSPECIFIED = 0,

            /** VOTE_TYPE_PREVOTE value */
            VOTE_TYPE_PREVOTE = 1,

            /** VOTE_TYPE_PRECOMMIT value */
            VOTE_TYPE_PRECOMMIT = 2
        }

        /**
         * Properties of a Vote.
         * @deprecated Use tianping.v1.Vote.$Properties instead.
         */
        interface IVote extends tianping.v1.Vote.$Properties {
        }

        /** Represents a Vote. */
        class Vote {

            /**
             * Constructs a new Vote.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.Vote.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Vote type. */
            type: tianping.v1.VoteType;

            /** Vote height. */
            height: number;

            /** Vote round. */
            round: number;

            /** Vote blockHash. */
            blockHash: Uint8Array;

            /** Vote validatorIndex. */
            validatorIndex: number;

            /** Vote signature. */
            signature: Uint8Array;

            /**
             * Creates a new Vote instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Vote instance
             */
            static create(properties: tianping.v1.Vote.$Shape): tianping.v1.Vote & tianping.v1.Vote.$Shape;
            static create(properties?: tianping.v1.Vote.$Properties): tianping.v1.Vote;

            /**
             * Encodes the specified Vote message. Does not implicitly {@link tianping.v1.Vote.verify|verify} messages.
             * @param message Vote message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.Vote.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Vote message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.Vote & tianping.v1.Vote.$Shape} Vote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.Vote & tianping.v1.Vote.$Shape;

            /**
             * Gets the type url for Vote
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Vote {

            /** Properties of a Vote. */
            interface $Properties {

                /** Vote type */
                type?: (tianping.v1.VoteType|null);

                /** Vote height */
                height?: (number|null);

                /** Vote round */
                round?: (number|null);

                /** Vote blockHash */
                blockHash?: (Uint8Array|null);

                /** Vote validatorIndex */
                validatorIndex?: (number|null);

                /** Vote signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Vote. */
            type $Shape = tianping.v1.Vote.$Properties;
        }

        /**
         * Properties of a Proposal.
         * @deprecated Use tianping.v1.Proposal.$Properties instead.
         */
        interface IProposal extends tianping.v1.Proposal.$Properties {
        }

        /** Represents a Proposal. */
        class Proposal {

            /**
             * Constructs a new Proposal.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.Proposal.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Proposal height. */
            height: number;

            /** Proposal round. */
            round: number;

            /** Proposal validRound. */
            validRound: number;

            /** Proposal block. */
            block: Uint8Array;

            /** Proposal proposerIndex. */
            proposerIndex: number;

            /** Proposal signature. */
            signature: Uint8Array;

            /**
             * Creates a new Proposal instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Proposal instance
             */
            static create(properties: tianping.v1.Proposal.$Shape): tianping.v1.Proposal & tianping.v1.Proposal.$Shape;
            static create(properties?: tianping.v1.Proposal.$Properties): tianping.v1.Proposal;

            /**
             * Encodes the specified Proposal message. Does not implicitly {@link tianping.v1.Proposal.verify|verify} messages.
             * @param message Proposal message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.Proposal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Proposal message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.Proposal & tianping.v1.Proposal.$Shape} Proposal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.Proposal & tianping.v1.Proposal.$Shape;

            /**
             * Gets the type url for Proposal
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Proposal {

            /** Properties of a Proposal. */
            interface $Properties {

                /** Proposal height */
                height?: (number|null);

                /** Proposal round */
                round?: (number|null);

                /** Proposal validRound */
                validRound?: (number|null);

                /** Proposal block */
                block?: (Uint8Array|null);

                /** Proposal proposerIndex */
                proposerIndex?: (number|null);

                /** Proposal signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Proposal. */
            type $Shape = tianping.v1.Proposal.$Properties;
        }

        /**
         * Properties of a CommitSig.
         * @deprecated Use tianping.v1.CommitSig.$Properties instead.
         */
        interface ICommitSig extends tianping.v1.CommitSig.$Properties {
        }

        /** Represents a CommitSig. */
        class CommitSig {

            /**
             * Constructs a new CommitSig.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.CommitSig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CommitSig validatorIndex. */
            validatorIndex: number;

            /** CommitSig signature. */
            signature: Uint8Array;

            /**
             * Creates a new CommitSig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CommitSig instance
             */
            static create(properties: tianping.v1.CommitSig.$Shape): tianping.v1.CommitSig & tianping.v1.CommitSig.$Shape;
            static create(properties?: tianping.v1.CommitSig.$Properties): tianping.v1.CommitSig;

            /**
             * Encodes the specified CommitSig message. Does not implicitly {@link tianping.v1.CommitSig.verify|verify} messages.
             * @param message CommitSig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.CommitSig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CommitSig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.CommitSig & tianping.v1.CommitSig.$Shape} CommitSig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.CommitSig & tianping.v1.CommitSig.$Shape;

            /**
             * Gets the type url for CommitSig
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CommitSig {

            /** Properties of a CommitSig. */
            interface $Properties {

                /** CommitSig validatorIndex */
                validatorIndex?: (number|null);

                /** CommitSig signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CommitSig. */
            type $Shape = tianping.v1.CommitSig.$Properties;
        }

        /**
         * Properties of a Commit.
         * @deprecated Use tianping.v1.Commit.$Properties instead.
         */
        interface ICommit extends tianping.v1.Commit.$Properties {
        }

        /** Represents a Commit. */
        class Commit {

            /**
             * Constructs a new Commit.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.Commit.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Commit height. */
            height: number;

            /** Commit round. */
            round: number;

            /** Commit blockHash. */
            blockHash: Uint8Array;

            /** Commit signatures. */
            signatures: tianping.v1.CommitSig.$Properties[];

            /**
             * Creates a new Commit instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Commit instance
             */
            static create(properties: tianping.v1.Commit.$Shape): tianping.v1.Commit & tianping.v1.Commit.$Shape;
            static create(properties?: tianping.v1.Commit.$Properties): tianping.v1.Commit;

            /**
             * Encodes the specified Commit message. Does not implicitly {@link tianping.v1.Commit.verify|verify} messages.
             * @param message Commit message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.Commit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Commit message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.Commit & tianping.v1.Commit.$Shape} Commit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.Commit & tianping.v1.Commit.$Shape;

            /**
             * Gets the type url for Commit
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Commit {

            /** Properties of a Commit. */
            interface $Properties {

                /** Commit height */
                height?: (number|null);

                /** Commit round */
                round?: (number|null);

                /** Commit blockHash */
                blockHash?: (Uint8Array|null);

                /** Commit signatures */
                signatures?: (tianping.v1.CommitSig.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Commit. */
            type $Shape = tianping.v1.Commit.$Properties;
        }

        /**
         * Properties of a Validator.
         * @deprecated Use tianping.v1.Validator.$Properties instead.
         */
        interface IValidator extends tianping.v1.Validator.$Properties {
        }

        /** Represents a Validator. */
        class Validator {

            /**
             * Constructs a new Validator.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.Validator.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Validator publicKey. */
            publicKey: Uint8Array;

            /** Validator power. */
            power: number;

            /**
             * Creates a new Validator instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Validator instance
             */
            static create(properties: tianping.v1.Validator.$Shape): tianping.v1.Validator & tianping.v1.Validator.$Shape;
            static create(properties?: tianping.v1.Validator.$Properties): tianping.v1.Validator;

            /**
             * Encodes the specified Validator message. Does not implicitly {@link tianping.v1.Validator.verify|verify} messages.
             * @param message Validator message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.Validator.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Validator message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.Validator & tianping.v1.Validator.$Shape} Validator
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.Validator & tianping.v1.Validator.$Shape;

            /**
             * Gets the type url for Validator
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Validator {

            /** Properties of a Validator. */
            interface $Properties {

                /** Validator publicKey */
                publicKey?: (Uint8Array|null);

                /** Validator power */
                power?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Validator. */
            type $Shape = tianping.v1.Validator.$Properties;
        }

        /**
         * Properties of a ValidatorSet.
         * @deprecated Use tianping.v1.ValidatorSet.$Properties instead.
         */
        interface IValidatorSet extends tianping.v1.ValidatorSet.$Properties {
        }

        /** Represents a ValidatorSet. */
        class ValidatorSet {

            /**
             * Constructs a new ValidatorSet.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.ValidatorSet.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ValidatorSet validators. */
            validators: tianping.v1.Validator.$Properties[];

            /**
             * Creates a new ValidatorSet instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ValidatorSet instance
             */
            static create(properties: tianping.v1.ValidatorSet.$Shape): tianping.v1.ValidatorSet & tianping.v1.ValidatorSet.$Shape;
            static create(properties?: tianping.v1.ValidatorSet.$Properties): tianping.v1.ValidatorSet;

            /**
             * Encodes the specified ValidatorSet message. Does not implicitly {@link tianping.v1.ValidatorSet.verify|verify} messages.
             * @param message ValidatorSet message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.ValidatorSet.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ValidatorSet message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.ValidatorSet & tianping.v1.ValidatorSet.$Shape} ValidatorSet
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.ValidatorSet & tianping.v1.ValidatorSet.$Shape;

            /**
             * Gets the type url for ValidatorSet
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ValidatorSet {

            /** Properties of a ValidatorSet. */
            interface $Properties {

                /** ValidatorSet validators */
                validators?: (tianping.v1.Validator.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ValidatorSet. */
            type $Shape = tianping.v1.ValidatorSet.$Properties;
        }

        /**
         * Properties of a ProposalRecord.
         * @deprecated Use tianping.v1.ProposalRecord.$Properties instead.
         */
        interface IProposalRecord extends tianping.v1.ProposalRecord.$Properties {
        }

        /** Represents a ProposalRecord. */
        class ProposalRecord {

            /**
             * Constructs a new ProposalRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.ProposalRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ProposalRecord id. */
            id: Uint8Array;

            /** ProposalRecord kind. */
            kind: string;

            /** ProposalRecord subject. */
            subject: Uint8Array;

            /** ProposalRecord opener. */
            opener: Uint8Array;

            /** ProposalRecord openedHeight. */
            openedHeight: number;

            /** ProposalRecord expiresAtMs. */
            expiresAtMs: number;

            /** ProposalRecord status. */
            status: string;

            /** ProposalRecord decidedHeight. */
            decidedHeight: number;

            /** ProposalRecord approvals. */
            approvals: Uint8Array[];

            /** ProposalRecord rejections. */
            rejections: Uint8Array[];

            /** ProposalRecord payload. */
            payload: Uint8Array;

            /**
             * Creates a new ProposalRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ProposalRecord instance
             */
            static create(properties: tianping.v1.ProposalRecord.$Shape): tianping.v1.ProposalRecord & tianping.v1.ProposalRecord.$Shape;
            static create(properties?: tianping.v1.ProposalRecord.$Properties): tianping.v1.ProposalRecord;

            /**
             * Encodes the specified ProposalRecord message. Does not implicitly {@link tianping.v1.ProposalRecord.verify|verify} messages.
             * @param message ProposalRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.ProposalRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ProposalRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.ProposalRecord & tianping.v1.ProposalRecord.$Shape} ProposalRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.ProposalRecord & tianping.v1.ProposalRecord.$Shape;

            /**
             * Gets the type url for ProposalRecord
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ProposalRecord {

            /** Properties of a ProposalRecord. */
            interface $Properties {

                /** ProposalRecord id */
                id?: (Uint8Array|null);

                /** ProposalRecord kind */
                kind?: (string|null);

                /** ProposalRecord subject */
                subject?: (Uint8Array|null);

                /** ProposalRecord opener */
                opener?: (Uint8Array|null);

                /** ProposalRecord openedHeight */
                openedHeight?: (number|null);

                /** ProposalRecord expiresAtMs */
                expiresAtMs?: (number|null);

                /** ProposalRecord status */
                status?: (string|null);

                /** ProposalRecord decidedHeight */
                decidedHeight?: (number|null);

                /** ProposalRecord approvals */
                approvals?: (Uint8Array[]|null);

                /** ProposalRecord rejections */
                rejections?: (Uint8Array[]|null);

                /** ProposalRecord payload */
                payload?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ProposalRecord. */
            type $Shape = tianping.v1.ProposalRecord.$Properties;
        }

        /**
         * Properties of a SignedRecord.
         * @deprecated Use tianping.v1.SignedRecord.$Properties instead.
         */
        interface ISignedRecord extends tianping.v1.SignedRecord.$Properties {
        }

        /** Represents a SignedRecord. */
        class SignedRecord {

            /**
             * Constructs a new SignedRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.SignedRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SignedRecord height. */
            height: number;

            /** SignedRecord round. */
            round: number;

            /** SignedRecord signStep. */
            signStep: number;

            /** SignedRecord signBytes. */
            signBytes: Uint8Array;

            /** SignedRecord signature. */
            signature: Uint8Array;

            /**
             * Creates a new SignedRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SignedRecord instance
             */
            static create(properties: tianping.v1.SignedRecord.$Shape): tianping.v1.SignedRecord & tianping.v1.SignedRecord.$Shape;
            static create(properties?: tianping.v1.SignedRecord.$Properties): tianping.v1.SignedRecord;

            /**
             * Encodes the specified SignedRecord message. Does not implicitly {@link tianping.v1.SignedRecord.verify|verify} messages.
             * @param message SignedRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.SignedRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SignedRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.SignedRecord & tianping.v1.SignedRecord.$Shape} SignedRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.SignedRecord & tianping.v1.SignedRecord.$Shape;

            /**
             * Gets the type url for SignedRecord
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SignedRecord {

            /** Properties of a SignedRecord. */
            interface $Properties {

                /** SignedRecord height */
                height?: (number|null);

                /** SignedRecord round */
                round?: (number|null);

                /** SignedRecord signStep */
                signStep?: (number|null);

                /** SignedRecord signBytes */
                signBytes?: (Uint8Array|null);

                /** SignedRecord signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SignedRecord. */
            type $Shape = tianping.v1.SignedRecord.$Properties;
        }

        /**
         * Properties of a RoundBlock.
         * @deprecated Use tianping.v1.RoundBlock.$Properties instead.
         */
        interface IRoundBlock extends tianping.v1.RoundBlock.$Properties {
        }

        /** Represents a RoundBlock. */
        class RoundBlock {

            /**
             * Constructs a new RoundBlock.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.RoundBlock.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RoundBlock round. */
            round: number;

            /** RoundBlock block. */
            block: Uint8Array;

            /** RoundBlock blockHash. */
            blockHash: Uint8Array;

            /**
             * Creates a new RoundBlock instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RoundBlock instance
             */
            static create(properties: tianping.v1.RoundBlock.$Shape): tianping.v1.RoundBlock & tianping.v1.RoundBlock.$Shape;
            static create(properties?: tianping.v1.RoundBlock.$Properties): tianping.v1.RoundBlock;

            /**
             * Encodes the specified RoundBlock message. Does not implicitly {@link tianping.v1.RoundBlock.verify|verify} messages.
             * @param message RoundBlock message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.RoundBlock.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RoundBlock message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.RoundBlock & tianping.v1.RoundBlock.$Shape} RoundBlock
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.RoundBlock & tianping.v1.RoundBlock.$Shape;

            /**
             * Gets the type url for RoundBlock
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RoundBlock {

            /** Properties of a RoundBlock. */
            interface $Properties {

                /** RoundBlock round */
                round?: (number|null);

                /** RoundBlock block */
                block?: (Uint8Array|null);

                /** RoundBlock blockHash */
                blockHash?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RoundBlock. */
            type $Shape = tianping.v1.RoundBlock.$Properties;
        }

        /**
         * Properties of a WalProposal.
         * @deprecated Use tianping.v1.WalProposal.$Properties instead.
         */
        interface IWalProposal extends tianping.v1.WalProposal.$Properties {
        }

        /** Represents a WalProposal. */
        class WalProposal {

            /**
             * Constructs a new WalProposal.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.WalProposal.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WalProposal round. */
            round: number;

            /** WalProposal validRound. */
            validRound: number;

            /** WalProposal blockHash. */
            blockHash: Uint8Array;

            /** WalProposal proposerIndex. */
            proposerIndex: number;

            /** WalProposal signature. */
            signature: Uint8Array;

            /**
             * Creates a new WalProposal instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WalProposal instance
             */
            static create(properties: tianping.v1.WalProposal.$Shape): tianping.v1.WalProposal & tianping.v1.WalProposal.$Shape;
            static create(properties?: tianping.v1.WalProposal.$Properties): tianping.v1.WalProposal;

            /**
             * Encodes the specified WalProposal message. Does not implicitly {@link tianping.v1.WalProposal.verify|verify} messages.
             * @param message WalProposal message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.WalProposal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WalProposal message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.WalProposal & tianping.v1.WalProposal.$Shape} WalProposal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.WalProposal & tianping.v1.WalProposal.$Shape;

            /**
             * Gets the type url for WalProposal
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WalProposal {

            /** Properties of a WalProposal. */
            interface $Properties {

                /** WalProposal round */
                round?: (number|null);

                /** WalProposal validRound */
                validRound?: (number|null);

                /** WalProposal blockHash */
                blockHash?: (Uint8Array|null);

                /** WalProposal proposerIndex */
                proposerIndex?: (number|null);

                /** WalProposal signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WalProposal. */
            type $Shape = tianping.v1.WalProposal.$Properties;
        }

        /**
         * Properties of a ConsensusWal.
         * @deprecated Use tianping.v1.ConsensusWal.$Properties instead.
         */
        interface IConsensusWal extends tianping.v1.ConsensusWal.$Properties {
        }

        /** Represents a ConsensusWal. */
        class ConsensusWal {

            /**
             * Constructs a new ConsensusWal.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.ConsensusWal.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ConsensusWal height. */
            height: number;

            /** ConsensusWal round. */
            round: number;

            /** ConsensusWal lastSigned. */
            lastSigned?: (tianping.v1.SignedRecord.$Properties|null);

            /** ConsensusWal locked. */
            locked?: (tianping.v1.RoundBlock.$Properties|null);

            /** ConsensusWal valid. */
            valid?: (tianping.v1.RoundBlock.$Properties|null);

            /** ConsensusWal ownVotes. */
            ownVotes: tianping.v1.Vote.$Properties[];

            /** ConsensusWal ownProposals. */
            ownProposals: tianping.v1.Proposal.$Properties[];

            /** ConsensusWal ownProposalRefs. */
            ownProposalRefs: tianping.v1.WalProposal.$Properties[];

            /**
             * Creates a new ConsensusWal instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConsensusWal instance
             */
            static create(properties: tianping.v1.ConsensusWal.$Shape): tianping.v1.ConsensusWal & tianping.v1.ConsensusWal.$Shape;
            static create(properties?: tianping.v1.ConsensusWal.$Properties): tianping.v1.ConsensusWal;

            /**
             * Encodes the specified ConsensusWal message. Does not implicitly {@link tianping.v1.ConsensusWal.verify|verify} messages.
             * @param message ConsensusWal message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.ConsensusWal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConsensusWal message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.ConsensusWal & tianping.v1.ConsensusWal.$Shape} ConsensusWal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.ConsensusWal & tianping.v1.ConsensusWal.$Shape;

            /**
             * Gets the type url for ConsensusWal
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ConsensusWal {

            /** Properties of a ConsensusWal. */
            interface $Properties {

                /** ConsensusWal height */
                height?: (number|null);

                /** ConsensusWal round */
                round?: (number|null);

                /** ConsensusWal lastSigned */
                lastSigned?: (tianping.v1.SignedRecord.$Properties|null);

                /** ConsensusWal locked */
                locked?: (tianping.v1.RoundBlock.$Properties|null);

                /** ConsensusWal valid */
                valid?: (tianping.v1.RoundBlock.$Properties|null);

                /** ConsensusWal ownVotes */
                ownVotes?: (tianping.v1.Vote.$Properties[]|null);

                /** ConsensusWal ownProposals */
                ownProposals?: (tianping.v1.Proposal.$Properties[]|null);

                /** ConsensusWal ownProposalRefs */
                ownProposalRefs?: (tianping.v1.WalProposal.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ConsensusWal. */
            type $Shape = tianping.v1.ConsensusWal.$Properties;
        }

        /**
         * Properties of a TxBatch.
         * @deprecated Use tianping.v1.TxBatch.$Properties instead.
         */
        interface ITxBatch extends tianping.v1.TxBatch.$Properties {
        }

        /** Represents a TxBatch. */
        class TxBatch {

            /**
             * Constructs a new TxBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.TxBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TxBatch txs. */
            txs: Uint8Array[];

            /**
             * Creates a new TxBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TxBatch instance
             */
            static create(properties: tianping.v1.TxBatch.$Shape): tianping.v1.TxBatch & tianping.v1.TxBatch.$Shape;
            static create(properties?: tianping.v1.TxBatch.$Properties): tianping.v1.TxBatch;

            /**
             * Encodes the specified TxBatch message. Does not implicitly {@link tianping.v1.TxBatch.verify|verify} messages.
             * @param message TxBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.TxBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TxBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.TxBatch & tianping.v1.TxBatch.$Shape} TxBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.TxBatch & tianping.v1.TxBatch.$Shape;

            /**
             * Gets the type url for TxBatch
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TxBatch {

            /** Properties of a TxBatch. */
            interface $Properties {

                /** TxBatch txs */
                txs?: (Uint8Array[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TxBatch. */
            type $Shape = tianping.v1.TxBatch.$Properties;
        }

        /**
         * Properties of a CompactProposal.
         * @deprecated Use tianping.v1.CompactProposal.$Properties instead.
         */
        interface ICompactProposal extends tianping.v1.CompactProposal.$Properties {
        }

        /** Represents a CompactProposal. */
        class CompactProposal {

            /**
             * Constructs a new CompactProposal.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.CompactProposal.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CompactProposal height. */
            height: number;

            /** CompactProposal round. */
            round: number;

            /** CompactProposal validRound. */
            validRound: number;

            /** CompactProposal header. */
            header: Uint8Array;

            /** CompactProposal txHashes. */
            txHashes: Uint8Array;

            /** CompactProposal proposerIndex. */
            proposerIndex: number;

            /** CompactProposal signature. */
            signature: Uint8Array;

            /**
             * Creates a new CompactProposal instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CompactProposal instance
             */
            static create(properties: tianping.v1.CompactProposal.$Shape): tianping.v1.CompactProposal & tianping.v1.CompactProposal.$Shape;
            static create(properties?: tianping.v1.CompactProposal.$Properties): tianping.v1.CompactProposal;

            /**
             * Encodes the specified CompactProposal message. Does not implicitly {@link tianping.v1.CompactProposal.verify|verify} messages.
             * @param message CompactProposal message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.CompactProposal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CompactProposal message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.CompactProposal & tianping.v1.CompactProposal.$Shape} CompactProposal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.CompactProposal & tianping.v1.CompactProposal.$Shape;

            /**
             * Gets the type url for CompactProposal
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CompactProposal {

            /** Properties of a CompactProposal. */
            interface $Properties {

                /** CompactProposal height */
                height?: (number|null);

                /** CompactProposal round */
                round?: (number|null);

                /** CompactProposal validRound */
                validRound?: (number|null);

                /** CompactProposal header */
                header?: (Uint8Array|null);

                /** CompactProposal txHashes */
                txHashes?: (Uint8Array|null);

                /** CompactProposal proposerIndex */
                proposerIndex?: (number|null);

                /** CompactProposal signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CompactProposal. */
            type $Shape = tianping.v1.CompactProposal.$Properties;
        }

        /**
         * Properties of a CatchUpRequest.
         * @deprecated Use tianping.v1.CatchUpRequest.$Properties instead.
         */
        interface ICatchUpRequest extends tianping.v1.CatchUpRequest.$Properties {
        }

        /** Represents a CatchUpRequest. */
        class CatchUpRequest {

            /**
             * Constructs a new CatchUpRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.CatchUpRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CatchUpRequest kind. */
            kind: string;

            /** CatchUpRequest height. */
            height: number;

            /** CatchUpRequest round. */
            round: number;

            /** CatchUpRequest voteType. */
            voteType: number;

            /**
             * Creates a new CatchUpRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CatchUpRequest instance
             */
            static create(properties: tianping.v1.CatchUpRequest.$Shape): tianping.v1.CatchUpRequest & tianping.v1.CatchUpRequest.$Shape;
            static create(properties?: tianping.v1.CatchUpRequest.$Properties): tianping.v1.CatchUpRequest;

            /**
             * Encodes the specified CatchUpRequest message. Does not implicitly {@link tianping.v1.CatchUpRequest.verify|verify} messages.
             * @param message CatchUpRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.CatchUpRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CatchUpRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.CatchUpRequest & tianping.v1.CatchUpRequest.$Shape} CatchUpRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.CatchUpRequest & tianping.v1.CatchUpRequest.$Shape;

            /**
             * Gets the type url for CatchUpRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CatchUpRequest {

            /** Properties of a CatchUpRequest. */
            interface $Properties {

                /** CatchUpRequest kind */
                kind?: (string|null);

                /** CatchUpRequest height */
                height?: (number|null);

                /** CatchUpRequest round */
                round?: (number|null);

                /** CatchUpRequest voteType */
                voteType?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CatchUpRequest. */
            type $Shape = tianping.v1.CatchUpRequest.$Properties;
        }

        /**
         * Properties of a CatchUpResponse.
         * @deprecated Use tianping.v1.CatchUpResponse.$Properties instead.
         */
        interface ICatchUpResponse extends tianping.v1.CatchUpResponse.$Properties {
        }

        /** Represents a CatchUpResponse. */
        class CatchUpResponse {

            /**
             * Constructs a new CatchUpResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.CatchUpResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CatchUpResponse proposals. */
            proposals: tianping.v1.Proposal.$Properties[];

            /** CatchUpResponse votes. */
            votes: tianping.v1.Vote.$Properties[];

            /** CatchUpResponse tipHeight. */
            tipHeight: number;

            /** CatchUpResponse compactProposals. */
            compactProposals: tianping.v1.CompactProposal.$Properties[];

            /**
             * Creates a new CatchUpResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CatchUpResponse instance
             */
            static create(properties: tianping.v1.CatchUpResponse.$Shape): tianping.v1.CatchUpResponse & tianping.v1.CatchUpResponse.$Shape;
            static create(properties?: tianping.v1.CatchUpResponse.$Properties): tianping.v1.CatchUpResponse;

            /**
             * Encodes the specified CatchUpResponse message. Does not implicitly {@link tianping.v1.CatchUpResponse.verify|verify} messages.
             * @param message CatchUpResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.CatchUpResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CatchUpResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.CatchUpResponse & tianping.v1.CatchUpResponse.$Shape} CatchUpResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.CatchUpResponse & tianping.v1.CatchUpResponse.$Shape;

            /**
             * Gets the type url for CatchUpResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CatchUpResponse {

            /** Properties of a CatchUpResponse. */
            interface $Properties {

                /** CatchUpResponse proposals */
                proposals?: (tianping.v1.Proposal.$Properties[]|null);

                /** CatchUpResponse votes */
                votes?: (tianping.v1.Vote.$Properties[]|null);

                /** CatchUpResponse tipHeight */
                tipHeight?: (number|null);

                /** CatchUpResponse compactProposals */
                compactProposals?: (tianping.v1.CompactProposal.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CatchUpResponse. */
            type $Shape = tianping.v1.CatchUpResponse.$Properties;
        }

        /**
         * Properties of a BlocksRequest.
         * @deprecated Use tianping.v1.BlocksRequest.$Properties instead.
         */
        interface IBlocksRequest extends tianping.v1.BlocksRequest.$Properties {
        }

        /** Represents a BlocksRequest. */
        class BlocksRequest {

            /**
             * Constructs a new BlocksRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.BlocksRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BlocksRequest fromHeight. */
            fromHeight: number;

            /** BlocksRequest toHeight. */
            toHeight: number;

            /**
             * Creates a new BlocksRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BlocksRequest instance
             */
            static create(properties: tianping.v1.BlocksRequest.$Shape): tianping.v1.BlocksRequest & tianping.v1.BlocksRequest.$Shape;
            static create(properties?: tianping.v1.BlocksRequest.$Properties): tianping.v1.BlocksRequest;

            /**
             * Encodes the specified BlocksRequest message. Does not implicitly {@link tianping.v1.BlocksRequest.verify|verify} messages.
             * @param message BlocksRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.BlocksRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BlocksRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.BlocksRequest & tianping.v1.BlocksRequest.$Shape} BlocksRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.BlocksRequest & tianping.v1.BlocksRequest.$Shape;

            /**
             * Gets the type url for BlocksRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BlocksRequest {

            /** Properties of a BlocksRequest. */
            interface $Properties {

                /** BlocksRequest fromHeight */
                fromHeight?: (number|null);

                /** BlocksRequest toHeight */
                toHeight?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BlocksRequest. */
            type $Shape = tianping.v1.BlocksRequest.$Properties;
        }

        /**
         * Properties of a SyncedBlock.
         * @deprecated Use tianping.v1.SyncedBlock.$Properties instead.
         */
        interface ISyncedBlock extends tianping.v1.SyncedBlock.$Properties {
        }

        /** Represents a SyncedBlock. */
        class SyncedBlock {

            /**
             * Constructs a new SyncedBlock.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.SyncedBlock.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SyncedBlock block. */
            block: Uint8Array;

            /** SyncedBlock commit. */
            commit: Uint8Array;

            /**
             * Creates a new SyncedBlock instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SyncedBlock instance
             */
            static create(properties: tianping.v1.SyncedBlock.$Shape): tianping.v1.SyncedBlock & tianping.v1.SyncedBlock.$Shape;
            static create(properties?: tianping.v1.SyncedBlock.$Properties): tianping.v1.SyncedBlock;

            /**
             * Encodes the specified SyncedBlock message. Does not implicitly {@link tianping.v1.SyncedBlock.verify|verify} messages.
             * @param message SyncedBlock message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.SyncedBlock.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SyncedBlock message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.SyncedBlock & tianping.v1.SyncedBlock.$Shape} SyncedBlock
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.SyncedBlock & tianping.v1.SyncedBlock.$Shape;

            /**
             * Gets the type url for SyncedBlock
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SyncedBlock {

            /** Properties of a SyncedBlock. */
            interface $Properties {

                /** SyncedBlock block */
                block?: (Uint8Array|null);

                /** SyncedBlock commit */
                commit?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SyncedBlock. */
            type $Shape = tianping.v1.SyncedBlock.$Properties;
        }

        /**
         * Properties of a BlocksResponse.
         * @deprecated Use tianping.v1.BlocksResponse.$Properties instead.
         */
        interface IBlocksResponse extends tianping.v1.BlocksResponse.$Properties {
        }

        /** Represents a BlocksResponse. */
        class BlocksResponse {

            /**
             * Constructs a new BlocksResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: tianping.v1.BlocksResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BlocksResponse tipHeight. */
            tipHeight: number;

            /** BlocksResponse blocks. */
            blocks: tianping.v1.SyncedBlock.$Properties[];

            /**
             * Creates a new BlocksResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BlocksResponse instance
             */
            static create(properties: tianping.v1.BlocksResponse.$Shape): tianping.v1.BlocksResponse & tianping.v1.BlocksResponse.$Shape;
            static create(properties?: tianping.v1.BlocksResponse.$Properties): tianping.v1.BlocksResponse;

            /**
             * Encodes the specified BlocksResponse message. Does not implicitly {@link tianping.v1.BlocksResponse.verify|verify} messages.
             * @param message BlocksResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tianping.v1.BlocksResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BlocksResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tianping.v1.BlocksResponse & tianping.v1.BlocksResponse.$Shape} BlocksResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tianping.v1.BlocksResponse & tianping.v1.BlocksResponse.$Shape;

            /**
             * Gets the type url for BlocksResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BlocksResponse {

            /** Properties of a BlocksResponse. */
            interface $Properties {

                /** BlocksResponse tipHeight */
                tipHeight?: (number|null);

                /** BlocksResponse blocks */
                blocks?: (tianping.v1.SyncedBlock.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BlocksResponse. */
            type $Shape = tianping.v1.BlocksResponse.$Properties;
        }
    }
}
