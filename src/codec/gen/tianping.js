/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const tianping = $root.tianping = (() => {

    /**
     * Namespace tianping.
     * @exports tianping
     * @namespace
     */
    const tianping = {};

    tianping.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof tianping
         * @namespace
         */
        const v1 = {};

        v1.SignedTx = (function() {

            /**
             * Properties of a SignedTx.
             * @typedef {Object} tianping.v1.SignedTx.$Properties
             * @property {Uint8Array|null} [body] SignedTx body
             * @property {Uint8Array|null} [signature] SignedTx signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SignedTx.
             * @memberof tianping.v1
             * @interface ISignedTx
             * @augments tianping.v1.SignedTx.$Properties
             * @deprecated Use tianping.v1.SignedTx.$Properties instead.
             */

            /**
             * Shape of a SignedTx.
             * @typedef {tianping.v1.SignedTx.$Properties} tianping.v1.SignedTx.$Shape
             */

            /**
             * Constructs a new SignedTx.
             * @memberof tianping.v1
             * @classdesc Represents a SignedTx.
             * @constructor
             * @param {tianping.v1.SignedTx.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SignedTx = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SignedTx body.
             * @member {Uint8Array} body
             * @memberof tianping.v1.SignedTx
             * @instance
             */
            SignedTx.prototype.body = $util.newBuffer([]);

            /**
             * SignedTx signature.
             * @member {Uint8Array} signature
             * @memberof tianping.v1.SignedTx
             * @instance
             */
            SignedTx.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new SignedTx instance using the specified properties.
             * @function create
             * @memberof tianping.v1.SignedTx
             * @static
             * @param {tianping.v1.SignedTx.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.SignedTx} SignedTx instance
             * @type {{
             *   (properties: tianping.v1.SignedTx.$Shape): tianping.v1.SignedTx & tianping.v1.SignedTx.$Shape;
             *   (properties?: tianping.v1.SignedTx.$Properties): tianping.v1.SignedTx;
             * }}
             */
            SignedTx.create = function(properties) {
                return new SignedTx(properties);
            };

            /**
             * Encodes the specified SignedTx message. Does not implicitly {@link tianping.v1.SignedTx.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.SignedTx
             * @static
             * @param {tianping.v1.SignedTx.$Properties} message SignedTx message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SignedTx.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.body != null && $Object.hasOwnProperty.call(message, "body") && message.body.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.body);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SignedTx message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.SignedTx
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.SignedTx & tianping.v1.SignedTx.$Shape} SignedTx
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SignedTx.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.SignedTx();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.body = value;
                            else
                                delete message.body;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for SignedTx
             * @function getTypeUrl
             * @memberof tianping.v1.SignedTx
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SignedTx.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.SignedTx";
            };

            return SignedTx;
        })();

        v1.TxBody = (function() {

            /**
             * Properties of a TxBody.
             * @typedef {Object} tianping.v1.TxBody.$Properties
             * @property {string|null} [chainId] TxBody chainId
             * @property {Uint8Array|null} [signer] TxBody signer
             * @property {number|null} [nonce] TxBody nonce
             * @property {number|null} [expiresAtMs] TxBody expiresAtMs
             * @property {tianping.v1.AnchorEvidence.$Properties|null} [anchorEvidence] TxBody anchorEvidence
             * @property {tianping.v1.AnchorBatch.$Properties|null} [anchorBatch] TxBody anchorBatch
             * @property {tianping.v1.ReportEquivocation.$Properties|null} [reportEquivocation] TxBody reportEquivocation
             * @property {tianping.v1.JoinRequest.$Properties|null} [joinRequest] TxBody joinRequest
             * @property {tianping.v1.MemberChangeRequest.$Properties|null} [memberChange] TxBody memberChange
             * @property {tianping.v1.RotateKeyRequest.$Properties|null} [rotateKey] TxBody rotateKey
             * @property {tianping.v1.GovernanceVote.$Properties|null} [governanceVote] TxBody governanceVote
             * @property {"anchorEvidence"|"anchorBatch"|"reportEquivocation"|"joinRequest"|"memberChange"|"rotateKey"|"governanceVote"} [action] TxBody action
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TxBody.
             * @memberof tianping.v1
             * @interface ITxBody
             * @augments tianping.v1.TxBody.$Properties
             * @deprecated Use tianping.v1.TxBody.$Properties instead.
             */

            /**
             * Narrowed shape of a TxBody.
             * @typedef {{
             *   chainId?: string|null;
             *   signer?: Uint8Array|null;
             *   nonce?: number|null;
             *   expiresAtMs?: number|null;
             *   anchorEvidence?: tianping.v1.AnchorEvidence.$Shape|null;
             *   anchorBatch?: tianping.v1.AnchorBatch.$Shape|null;
             *   reportEquivocation?: tianping.v1.ReportEquivocation.$Shape|null;
             *   joinRequest?: tianping.v1.JoinRequest.$Shape|null;
             *   memberChange?: tianping.v1.MemberChangeRequest.$Shape|null;
             *   rotateKey?: tianping.v1.RotateKeyRequest.$Shape|null;
             *   governanceVote?: tianping.v1.GovernanceVote.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ action?: undefined; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "anchorEvidence"; anchorEvidence: tianping.v1.AnchorEvidence.$Shape; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "anchorBatch"; anchorEvidence?: null; anchorBatch: tianping.v1.AnchorBatch.$Shape; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "reportEquivocation"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation: tianping.v1.ReportEquivocation.$Shape; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "joinRequest"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest: tianping.v1.JoinRequest.$Shape; memberChange?: null; rotateKey?: null; governanceVote?: null }|{ action?: "memberChange"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange: tianping.v1.MemberChangeRequest.$Shape; rotateKey?: null; governanceVote?: null }|{ action?: "rotateKey"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey: tianping.v1.RotateKeyRequest.$Shape; governanceVote?: null }|{ action?: "governanceVote"; anchorEvidence?: null; anchorBatch?: null; reportEquivocation?: null; joinRequest?: null; memberChange?: null; rotateKey?: null; governanceVote: tianping.v1.GovernanceVote.$Shape })
             * )} tianping.v1.TxBody.$Shape
             */

            /**
             * Constructs a new TxBody.
             * @memberof tianping.v1
             * @classdesc Represents a TxBody.
             * @constructor
             * @param {tianping.v1.TxBody.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TxBody = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TxBody chainId.
             * @member {string} chainId
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.chainId = "";

            /**
             * TxBody signer.
             * @member {Uint8Array} signer
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.signer = $util.newBuffer([]);

            /**
             * TxBody nonce.
             * @member {number} nonce
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.nonce = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * TxBody expiresAtMs.
             * @member {number} expiresAtMs
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * TxBody anchorEvidence.
             * @member {tianping.v1.AnchorEvidence.$Properties|null|undefined} anchorEvidence
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.anchorEvidence = null;

            /**
             * TxBody anchorBatch.
             * @member {tianping.v1.AnchorBatch.$Properties|null|undefined} anchorBatch
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.anchorBatch = null;

            /**
             * TxBody reportEquivocation.
             * @member {tianping.v1.ReportEquivocation.$Properties|null|undefined} reportEquivocation
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.reportEquivocation = null;

            /**
             * TxBody joinRequest.
             * @member {tianping.v1.JoinRequest.$Properties|null|undefined} joinRequest
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.joinRequest = null;

            /**
             * TxBody memberChange.
             * @member {tianping.v1.MemberChangeRequest.$Properties|null|undefined} memberChange
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.memberChange = null;

            /**
             * TxBody rotateKey.
             * @member {tianping.v1.RotateKeyRequest.$Properties|null|undefined} rotateKey
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.rotateKey = null;

            /**
             * TxBody governanceVote.
             * @member {tianping.v1.GovernanceVote.$Properties|null|undefined} governanceVote
             * @memberof tianping.v1.TxBody
             * @instance
             */
            TxBody.prototype.governanceVote = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * TxBody action.
             * @member {"anchorEvidence"|"anchorBatch"|"reportEquivocation"|"joinRequest"|"memberChange"|"rotateKey"|"governanceVote"|undefined} action
             * @memberof tianping.v1.TxBody
             * @instance
             */
            $Object.defineProperty(TxBody.prototype, "action", {
                get: $util.oneOfGetter($oneOfFields = ["anchorEvidence", "anchorBatch", "reportEquivocation", "joinRequest", "memberChange", "rotateKey", "governanceVote"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new TxBody instance using the specified properties.
             * @function create
             * @memberof tianping.v1.TxBody
             * @static
             * @param {tianping.v1.TxBody.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.TxBody} TxBody instance
             * @type {{
             *   (properties: tianping.v1.TxBody.$Shape): tianping.v1.TxBody & tianping.v1.TxBody.$Shape;
             *   (properties?: tianping.v1.TxBody.$Properties): tianping.v1.TxBody;
             * }}
             */
            TxBody.create = function(properties) {
                return new TxBody(properties);
            };

            /**
             * Encodes the specified TxBody message. Does not implicitly {@link tianping.v1.TxBody.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.TxBody
             * @static
             * @param {tianping.v1.TxBody.$Properties} message TxBody message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TxBody.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.chainId != null && $Object.hasOwnProperty.call(message, "chainId") && message.chainId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.chainId);
                if (message.signer != null && $Object.hasOwnProperty.call(message, "signer") && message.signer.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.signer);
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && (typeof message.nonce === "object" ? message.nonce.low || message.nonce.high : message.nonce !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.nonce);
                if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs") && (typeof message.expiresAtMs === "object" ? message.expiresAtMs.low || message.expiresAtMs.high : message.expiresAtMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.expiresAtMs);
                if (message.anchorEvidence != null && $Object.hasOwnProperty.call(message, "anchorEvidence"))
                    $root.tianping.v1.AnchorEvidence.encode(message.anchorEvidence, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.anchorBatch != null && $Object.hasOwnProperty.call(message, "anchorBatch"))
                    $root.tianping.v1.AnchorBatch.encode(message.anchorBatch, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.reportEquivocation != null && $Object.hasOwnProperty.call(message, "reportEquivocation"))
                    $root.tianping.v1.ReportEquivocation.encode(message.reportEquivocation, writer.uint32(/* id 20, wireType 2 =*/162).fork(), _depth + 1).ldelim();
                if (message.joinRequest != null && $Object.hasOwnProperty.call(message, "joinRequest"))
                    $root.tianping.v1.JoinRequest.encode(message.joinRequest, writer.uint32(/* id 30, wireType 2 =*/242).fork(), _depth + 1).ldelim();
                if (message.memberChange != null && $Object.hasOwnProperty.call(message, "memberChange"))
                    $root.tianping.v1.MemberChangeRequest.encode(message.memberChange, writer.uint32(/* id 31, wireType 2 =*/250).fork(), _depth + 1).ldelim();
                if (message.rotateKey != null && $Object.hasOwnProperty.call(message, "rotateKey"))
                    $root.tianping.v1.RotateKeyRequest.encode(message.rotateKey, writer.uint32(/* id 32, wireType 2 =*/258).fork(), _depth + 1).ldelim();
                if (message.governanceVote != null && $Object.hasOwnProperty.call(message, "governanceVote"))
                    $root.tianping.v1.GovernanceVote.encode(message.governanceVote, writer.uint32(/* id 33, wireType 2 =*/266).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TxBody message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.TxBody
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.TxBody & tianping.v1.TxBody.$Shape} TxBody
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TxBody.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.TxBody();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.chainId = value;
                            else
                                delete message.chainId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signer = value;
                            else
                                delete message.signer;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.expiresAtMs = value;
                            else
                                delete message.expiresAtMs;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.anchorEvidence = $root.tianping.v1.AnchorEvidence.decode(reader, reader.size(), $undefined, _depth + 1, message.anchorEvidence);
                            message.action = "anchorEvidence";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.anchorBatch = $root.tianping.v1.AnchorBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.anchorBatch);
                            message.action = "anchorBatch";
                            continue;
                        }
                    case 20: {
                            if (wireType !== 2)
                                break;
                            message.reportEquivocation = $root.tianping.v1.ReportEquivocation.decode(reader, reader.size(), $undefined, _depth + 1, message.reportEquivocation);
                            message.action = "reportEquivocation";
                            continue;
                        }
                    case 30: {
                            if (wireType !== 2)
                                break;
                            message.joinRequest = $root.tianping.v1.JoinRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.joinRequest);
                            message.action = "joinRequest";
                            continue;
                        }
                    case 31: {
                            if (wireType !== 2)
                                break;
                            message.memberChange = $root.tianping.v1.MemberChangeRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.memberChange);
                            message.action = "memberChange";
                            continue;
                        }
                    case 32: {
                            if (wireType !== 2)
                                break;
                            message.rotateKey = $root.tianping.v1.RotateKeyRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.rotateKey);
                            message.action = "rotateKey";
                            continue;
                        }
                    case 33: {
                            if (wireType !== 2)
                                break;
                            message.governanceVote = $root.tianping.v1.GovernanceVote.decode(reader, reader.size(), $undefined, _depth + 1, message.governanceVote);
                            message.action = "governanceVote";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for TxBody
             * @function getTypeUrl
             * @memberof tianping.v1.TxBody
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TxBody.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.TxBody";
            };

            return TxBody;
        })();

        /**
         * MemberRole enum.
         * @name tianping.v1.MemberRole
         * @enum {number}
         * @property {number} MEMBER_ROLE_UNSPECIFIED=0 MEMBER_ROLE_UNSPECIFIED value
         * @property {number} MEMBER_ROLE_VALIDATOR=1 MEMBER_ROLE_VALIDATOR value
         * @property {number} MEMBER_ROLE_OBSERVER=2 MEMBER_ROLE_OBSERVER value
         * @property {number} MEMBER_ROLE_SUBMITTER=3 MEMBER_ROLE_SUBMITTER value
         * @property {number} MEMBER_ROLE_VERIFIER=4 MEMBER_ROLE_VERIFIER value
         * @property {number} MEMBER_ROLE_EXECUTOR=5 MEMBER_ROLE_EXECUTOR value
         * @property {number} MEMBER_ROLE_ORACLE=6 MEMBER_ROLE_ORACLE value
         */
        v1.MemberRole = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "MEMBER_ROLE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "MEMBER_ROLE_VALIDATOR"] = 1;
            values[valuesById[2] = "MEMBER_ROLE_OBSERVER"] = 2;
            values[valuesById[3] = "MEMBER_ROLE_SUBMITTER"] = 3;
            values[valuesById[4] = "MEMBER_ROLE_VERIFIER"] = 4;
            values[valuesById[5] = "MEMBER_ROLE_EXECUTOR"] = 5;
            values[valuesById[6] = "MEMBER_ROLE_ORACLE"] = 6;
            return values;
        })();

        v1.JoinRequest = (function() {

            /**
             * Properties of a JoinRequest.
             * @typedef {Object} tianping.v1.JoinRequest.$Properties
             * @property {string|null} [name] JoinRequest name
             * @property {string|null} [organisation] JoinRequest organisation
             * @property {tianping.v1.MemberRole|null} [role] JoinRequest role
             * @property {Array.<string>|null} [addresses] JoinRequest addresses
             * @property {Uint8Array|null} [evaluationReportDigest] JoinRequest evaluationReportDigest
             * @property {number|null} [power] JoinRequest power
             * @property {Array.<string>|null} [categories] JoinRequest categories
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a JoinRequest.
             * @memberof tianping.v1
             * @interface IJoinRequest
             * @augments tianping.v1.JoinRequest.$Properties
             * @deprecated Use tianping.v1.JoinRequest.$Properties instead.
             */

            /**
             * Shape of a JoinRequest.
             * @typedef {tianping.v1.JoinRequest.$Properties} tianping.v1.JoinRequest.$Shape
             */

            /**
             * Constructs a new JoinRequest.
             * @memberof tianping.v1
             * @classdesc Represents a JoinRequest.
             * @constructor
             * @param {tianping.v1.JoinRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const JoinRequest = function (properties) {
                this.addresses = [];
                this.categories = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * JoinRequest name.
             * @member {string} name
             * @memberof tianping.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.name = "";

            /**
             * JoinRequest organisation.
             * @member {string} organisation
             * @memberof tianping.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.organisation = "";

            /**
             * JoinRequest role.
             * @member {tianping.v1.MemberRole} role
             * @memberof tianping.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.role = 0;

            /**
             * JoinRequest addresses.
             * @member {Array.<string>} addresses
             * @memberof tianping.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.addresses = $util.emptyArray;

            /**
             * JoinRequest evaluationReportDigest.
             * @member {Uint8Array} evaluationReportDigest
             * @memberof tianping.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.evaluationReportDigest = $util.newBuffer([]);

            /**
             * JoinRequest power.
             * @member {number} power
             * @memberof tianping.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.power = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * JoinRequest categories.
             * @member {Array.<string>} categories
             * @memberof tianping.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.categories = $util.emptyArray;

            /**
             * Creates a new JoinRequest instance using the specified properties.
             * @function create
             * @memberof tianping.v1.JoinRequest
             * @static
             * @param {tianping.v1.JoinRequest.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.JoinRequest} JoinRequest instance
             * @type {{
             *   (properties: tianping.v1.JoinRequest.$Shape): tianping.v1.JoinRequest & tianping.v1.JoinRequest.$Shape;
             *   (properties?: tianping.v1.JoinRequest.$Properties): tianping.v1.JoinRequest;
             * }}
             */
            JoinRequest.create = function(properties) {
                return new JoinRequest(properties);
            };

            /**
             * Encodes the specified JoinRequest message. Does not implicitly {@link tianping.v1.JoinRequest.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.JoinRequest
             * @static
             * @param {tianping.v1.JoinRequest.$Properties} message JoinRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JoinRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.organisation != null && $Object.hasOwnProperty.call(message, "organisation") && message.organisation !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.organisation);
                if (message.role != null && $Object.hasOwnProperty.call(message, "role") && message.role !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.role);
                if (message.addresses != null && message.addresses.length)
                    for (let i = 0; i < message.addresses.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.addresses[i]);
                if (message.evaluationReportDigest != null && $Object.hasOwnProperty.call(message, "evaluationReportDigest") && message.evaluationReportDigest.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.evaluationReportDigest);
                if (message.power != null && $Object.hasOwnProperty.call(message, "power") && (typeof message.power === "object" ? message.power.low || message.power.high : message.power !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.power);
                if (message.categories != null && message.categories.length)
                    for (let i = 0; i < message.categories.length; ++i)
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.categories[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a JoinRequest message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.JoinRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.JoinRequest & tianping.v1.JoinRequest.$Shape} JoinRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JoinRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.JoinRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.organisation = value;
                            else
                                delete message.organisation;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.role = value;
                            else
                                delete message.role;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.addresses && message.addresses.length))
                                message.addresses = [];
                            message.addresses.push(reader.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.evaluationReportDigest = value;
                            else
                                delete message.evaluationReportDigest;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.power = value;
                            else
                                delete message.power;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if (!(message.categories && message.categories.length))
                                message.categories = [];
                            message.categories.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for JoinRequest
             * @function getTypeUrl
             * @memberof tianping.v1.JoinRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            JoinRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.JoinRequest";
            };

            return JoinRequest;
        })();

        /**
         * MemberChangeKind enum.
         * @name tianping.v1.MemberChangeKind
         * @enum {number}
         * @property {number} MEMBER_CHANGE_KIND_UNSPECIFIED=0 MEMBER_CHANGE_KIND_UNSPECIFIED value
         * @property {number} MEMBER_CHANGE_KIND_REMOVE=1 MEMBER_CHANGE_KIND_REMOVE value
         * @property {number} MEMBER_CHANGE_KIND_SUSPEND=2 MEMBER_CHANGE_KIND_SUSPEND value
         * @property {number} MEMBER_CHANGE_KIND_REINSTATE=3 MEMBER_CHANGE_KIND_REINSTATE value
         */
        v1.MemberChangeKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "MEMBER_CHANGE_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "MEMBER_CHANGE_KIND_REMOVE"] = 1;
            values[valuesById[2] = "MEMBER_CHANGE_KIND_SUSPEND"] = 2;
            values[valuesById[3] = "MEMBER_CHANGE_KIND_REINSTATE"] = 3;
            return values;
        })();

        v1.MemberChangeRequest = (function() {

            /**
             * Properties of a MemberChangeRequest.
             * @typedef {Object} tianping.v1.MemberChangeRequest.$Properties
             * @property {tianping.v1.MemberChangeKind|null} [kind] MemberChangeRequest kind
             * @property {Uint8Array|null} [member] MemberChangeRequest member
             * @property {string|null} [reason] MemberChangeRequest reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MemberChangeRequest.
             * @memberof tianping.v1
             * @interface IMemberChangeRequest
             * @augments tianping.v1.MemberChangeRequest.$Properties
             * @deprecated Use tianping.v1.MemberChangeRequest.$Properties instead.
             */

            /**
             * Shape of a MemberChangeRequest.
             * @typedef {tianping.v1.MemberChangeRequest.$Properties} tianping.v1.MemberChangeRequest.$Shape
             */

            /**
             * Constructs a new MemberChangeRequest.
             * @memberof tianping.v1
             * @classdesc Represents a MemberChangeRequest.
             * @constructor
             * @param {tianping.v1.MemberChangeRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MemberChangeRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * MemberChangeRequest kind.
             * @member {tianping.v1.MemberChangeKind} kind
             * @memberof tianping.v1.MemberChangeRequest
             * @instance
             */
            MemberChangeRequest.prototype.kind = 0;

            /**
             * MemberChangeRequest member.
             * @member {Uint8Array} member
             * @memberof tianping.v1.MemberChangeRequest
             * @instance
             */
            MemberChangeRequest.prototype.member = $util.newBuffer([]);

            /**
             * MemberChangeRequest reason.
             * @member {string} reason
             * @memberof tianping.v1.MemberChangeRequest
             * @instance
             */
            MemberChangeRequest.prototype.reason = "";

            /**
             * Creates a new MemberChangeRequest instance using the specified properties.
             * @function create
             * @memberof tianping.v1.MemberChangeRequest
             * @static
             * @param {tianping.v1.MemberChangeRequest.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.MemberChangeRequest} MemberChangeRequest instance
             * @type {{
             *   (properties: tianping.v1.MemberChangeRequest.$Shape): tianping.v1.MemberChangeRequest & tianping.v1.MemberChangeRequest.$Shape;
             *   (properties?: tianping.v1.MemberChangeRequest.$Properties): tianping.v1.MemberChangeRequest;
             * }}
             */
            MemberChangeRequest.create = function(properties) {
                return new MemberChangeRequest(properties);
            };

            /**
             * Encodes the specified MemberChangeRequest message. Does not implicitly {@link tianping.v1.MemberChangeRequest.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.MemberChangeRequest
             * @static
             * @param {tianping.v1.MemberChangeRequest.$Properties} message MemberChangeRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MemberChangeRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
                if (message.member != null && $Object.hasOwnProperty.call(message, "member") && message.member.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.member);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MemberChangeRequest message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.MemberChangeRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.MemberChangeRequest & tianping.v1.MemberChangeRequest.$Shape} MemberChangeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MemberChangeRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.MemberChangeRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.member = value;
                            else
                                delete message.member;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for MemberChangeRequest
             * @function getTypeUrl
             * @memberof tianping.v1.MemberChangeRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MemberChangeRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.MemberChangeRequest";
            };

            return MemberChangeRequest;
        })();

        v1.RotateKeyRequest = (function() {

            /**
             * Properties of a RotateKeyRequest.
             * @typedef {Object} tianping.v1.RotateKeyRequest.$Properties
             * @property {Uint8Array|null} [newKey] RotateKeyRequest newKey
             * @property {Uint8Array|null} [newKeyProof] RotateKeyRequest newKeyProof
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RotateKeyRequest.
             * @memberof tianping.v1
             * @interface IRotateKeyRequest
             * @augments tianping.v1.RotateKeyRequest.$Properties
             * @deprecated Use tianping.v1.RotateKeyRequest.$Properties instead.
             */

            /**
             * Shape of a RotateKeyRequest.
             * @typedef {tianping.v1.RotateKeyRequest.$Properties} tianping.v1.RotateKeyRequest.$Shape
             */

            /**
             * Constructs a new RotateKeyRequest.
             * @memberof tianping.v1
             * @classdesc Represents a RotateKeyRequest.
             * @constructor
             * @param {tianping.v1.RotateKeyRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RotateKeyRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RotateKeyRequest newKey.
             * @member {Uint8Array} newKey
             * @memberof tianping.v1.RotateKeyRequest
             * @instance
             */
            RotateKeyRequest.prototype.newKey = $util.newBuffer([]);

            /**
             * RotateKeyRequest newKeyProof.
             * @member {Uint8Array} newKeyProof
             * @memberof tianping.v1.RotateKeyRequest
             * @instance
             */
            RotateKeyRequest.prototype.newKeyProof = $util.newBuffer([]);

            /**
             * Creates a new RotateKeyRequest instance using the specified properties.
             * @function create
             * @memberof tianping.v1.RotateKeyRequest
             * @static
             * @param {tianping.v1.RotateKeyRequest.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.RotateKeyRequest} RotateKeyRequest instance
             * @type {{
             *   (properties: tianping.v1.RotateKeyRequest.$Shape): tianping.v1.RotateKeyRequest & tianping.v1.RotateKeyRequest.$Shape;
             *   (properties?: tianping.v1.RotateKeyRequest.$Properties): tianping.v1.RotateKeyRequest;
             * }}
             */
            RotateKeyRequest.create = function(properties) {
                return new RotateKeyRequest(properties);
            };

            /**
             * Encodes the specified RotateKeyRequest message. Does not implicitly {@link tianping.v1.RotateKeyRequest.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.RotateKeyRequest
             * @static
             * @param {tianping.v1.RotateKeyRequest.$Properties} message RotateKeyRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RotateKeyRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.newKey != null && $Object.hasOwnProperty.call(message, "newKey") && message.newKey.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.newKey);
                if (message.newKeyProof != null && $Object.hasOwnProperty.call(message, "newKeyProof") && message.newKeyProof.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.newKeyProof);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a RotateKeyRequest message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.RotateKeyRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.RotateKeyRequest & tianping.v1.RotateKeyRequest.$Shape} RotateKeyRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RotateKeyRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.RotateKeyRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.newKey = value;
                            else
                                delete message.newKey;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.newKeyProof = value;
                            else
                                delete message.newKeyProof;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for RotateKeyRequest
             * @function getTypeUrl
             * @memberof tianping.v1.RotateKeyRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RotateKeyRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.RotateKeyRequest";
            };

            return RotateKeyRequest;
        })();

        v1.GovernanceVote = (function() {

            /**
             * Properties of a GovernanceVote.
             * @typedef {Object} tianping.v1.GovernanceVote.$Properties
             * @property {Uint8Array|null} [proposalId] GovernanceVote proposalId
             * @property {boolean|null} [approve] GovernanceVote approve
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a GovernanceVote.
             * @memberof tianping.v1
             * @interface IGovernanceVote
             * @augments tianping.v1.GovernanceVote.$Properties
             * @deprecated Use tianping.v1.GovernanceVote.$Properties instead.
             */

            /**
             * Shape of a GovernanceVote.
             * @typedef {tianping.v1.GovernanceVote.$Properties} tianping.v1.GovernanceVote.$Shape
             */

            /**
             * Constructs a new GovernanceVote.
             * @memberof tianping.v1
             * @classdesc Represents a GovernanceVote.
             * @constructor
             * @param {tianping.v1.GovernanceVote.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const GovernanceVote = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * GovernanceVote proposalId.
             * @member {Uint8Array} proposalId
             * @memberof tianping.v1.GovernanceVote
             * @instance
             */
            GovernanceVote.prototype.proposalId = $util.newBuffer([]);

            /**
             * GovernanceVote approve.
             * @member {boolean} approve
             * @memberof tianping.v1.GovernanceVote
             * @instance
             */
            GovernanceVote.prototype.approve = false;

            /**
             * Creates a new GovernanceVote instance using the specified properties.
             * @function create
             * @memberof tianping.v1.GovernanceVote
             * @static
             * @param {tianping.v1.GovernanceVote.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.GovernanceVote} GovernanceVote instance
             * @type {{
             *   (properties: tianping.v1.GovernanceVote.$Shape): tianping.v1.GovernanceVote & tianping.v1.GovernanceVote.$Shape;
             *   (properties?: tianping.v1.GovernanceVote.$Properties): tianping.v1.GovernanceVote;
             * }}
             */
            GovernanceVote.create = function(properties) {
                return new GovernanceVote(properties);
            };

            /**
             * Encodes the specified GovernanceVote message. Does not implicitly {@link tianping.v1.GovernanceVote.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.GovernanceVote
             * @static
             * @param {tianping.v1.GovernanceVote.$Properties} message GovernanceVote message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GovernanceVote.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.proposalId != null && $Object.hasOwnProperty.call(message, "proposalId") && message.proposalId.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.proposalId);
                if (message.approve != null && $Object.hasOwnProperty.call(message, "approve") && message.approve !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.approve);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a GovernanceVote message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.GovernanceVote
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.GovernanceVote & tianping.v1.GovernanceVote.$Shape} GovernanceVote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GovernanceVote.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.GovernanceVote();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.proposalId = value;
                            else
                                delete message.proposalId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.approve = value;
                            else
                                delete message.approve;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for GovernanceVote
             * @function getTypeUrl
             * @memberof tianping.v1.GovernanceVote
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            GovernanceVote.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.GovernanceVote";
            };

            return GovernanceVote;
        })();

        /**
         * HashAlgorithm enum.
         * @name tianping.v1.HashAlgorithm
         * @enum {number}
         * @property {number} HASH_ALGORITHM_UNSPECIFIED=0 HASH_ALGORITHM_UNSPECIFIED value
         * @property {number} HASH_ALGORITHM_SHA256=1 HASH_ALGORITHM_SHA256 value
         * @property {number} HASH_ALGORITHM_SM3=2 HASH_ALGORITHM_SM3 value
         */
        v1.HashAlgorithm = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "HASH_ALGORITHM_UNSPECIFIED"] = 0;
            values[valuesById[1] = "HASH_ALGORITHM_SHA256"] = 1;
            values[valuesById[2] = "HASH_ALGORITHM_SM3"] = 2;
            return values;
        })();

        v1.AnchorEvidence = (function() {

            /**
             * Properties of an AnchorEvidence.
             * @typedef {Object} tianping.v1.AnchorEvidence.$Properties
             * @property {tianping.v1.HashAlgorithm|null} [algorithm] AnchorEvidence algorithm
             * @property {Uint8Array|null} [digest] AnchorEvidence digest
             * @property {string|null} [category] AnchorEvidence category
             * @property {string|null} [externalRef] AnchorEvidence externalRef
             * @property {Uint8Array|null} [metadataDigest] AnchorEvidence metadataDigest
             * @property {boolean|null} [salted] AnchorEvidence salted
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AnchorEvidence.
             * @memberof tianping.v1
             * @interface IAnchorEvidence
             * @augments tianping.v1.AnchorEvidence.$Properties
             * @deprecated Use tianping.v1.AnchorEvidence.$Properties instead.
             */

            /**
             * Shape of an AnchorEvidence.
             * @typedef {tianping.v1.AnchorEvidence.$Properties} tianping.v1.AnchorEvidence.$Shape
             */

            /**
             * Constructs a new AnchorEvidence.
             * @memberof tianping.v1
             * @classdesc Represents an AnchorEvidence.
             * @constructor
             * @param {tianping.v1.AnchorEvidence.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AnchorEvidence = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AnchorEvidence algorithm.
             * @member {tianping.v1.HashAlgorithm} algorithm
             * @memberof tianping.v1.AnchorEvidence
             * @instance
             */
            AnchorEvidence.prototype.algorithm = 0;

            /**
             * AnchorEvidence digest.
             * @member {Uint8Array} digest
             * @memberof tianping.v1.AnchorEvidence
             * @instance
             */
            AnchorEvidence.prototype.digest = $util.newBuffer([]);

            /**
             * AnchorEvidence category.
             * @member {string} category
             * @memberof tianping.v1.AnchorEvidence
             * @instance
             */
            AnchorEvidence.prototype.category = "";

            /**
             * AnchorEvidence externalRef.
             * @member {string} externalRef
             * @memberof tianping.v1.AnchorEvidence
             * @instance
             */
            AnchorEvidence.prototype.externalRef = "";

            /**
             * AnchorEvidence metadataDigest.
             * @member {Uint8Array} metadataDigest
             * @memberof tianping.v1.AnchorEvidence
             * @instance
             */
            AnchorEvidence.prototype.metadataDigest = $util.newBuffer([]);

            /**
             * AnchorEvidence salted.
             * @member {boolean} salted
             * @memberof tianping.v1.AnchorEvidence
             * @instance
             */
            AnchorEvidence.prototype.salted = false;

            /**
             * Creates a new AnchorEvidence instance using the specified properties.
             * @function create
             * @memberof tianping.v1.AnchorEvidence
             * @static
             * @param {tianping.v1.AnchorEvidence.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.AnchorEvidence} AnchorEvidence instance
             * @type {{
             *   (properties: tianping.v1.AnchorEvidence.$Shape): tianping.v1.AnchorEvidence & tianping.v1.AnchorEvidence.$Shape;
             *   (properties?: tianping.v1.AnchorEvidence.$Properties): tianping.v1.AnchorEvidence;
             * }}
             */
            AnchorEvidence.create = function(properties) {
                return new AnchorEvidence(properties);
            };

            /**
             * Encodes the specified AnchorEvidence message. Does not implicitly {@link tianping.v1.AnchorEvidence.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.AnchorEvidence
             * @static
             * @param {tianping.v1.AnchorEvidence.$Properties} message AnchorEvidence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AnchorEvidence.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.algorithm != null && $Object.hasOwnProperty.call(message, "algorithm") && message.algorithm !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.algorithm);
                if (message.digest != null && $Object.hasOwnProperty.call(message, "digest") && message.digest.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.digest);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.category);
                if (message.externalRef != null && $Object.hasOwnProperty.call(message, "externalRef") && message.externalRef !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.externalRef);
                if (message.metadataDigest != null && $Object.hasOwnProperty.call(message, "metadataDigest") && message.metadataDigest.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.metadataDigest);
                if (message.salted != null && $Object.hasOwnProperty.call(message, "salted") && message.salted !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.salted);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AnchorEvidence message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.AnchorEvidence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.AnchorEvidence & tianping.v1.AnchorEvidence.$Shape} AnchorEvidence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AnchorEvidence.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.AnchorEvidence();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.algorithm = value;
                            else
                                delete message.algorithm;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.digest = value;
                            else
                                delete message.digest;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.externalRef = value;
                            else
                                delete message.externalRef;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.metadataDigest = value;
                            else
                                delete message.metadataDigest;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.salted = value;
                            else
                                delete message.salted;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for AnchorEvidence
             * @function getTypeUrl
             * @memberof tianping.v1.AnchorEvidence
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AnchorEvidence.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.AnchorEvidence";
            };

            return AnchorEvidence;
        })();

        v1.ReportEquivocation = (function() {

            /**
             * Properties of a ReportEquivocation.
             * @typedef {Object} tianping.v1.ReportEquivocation.$Properties
             * @property {tianping.v1.DuplicateVote.$Properties|null} [duplicateVote] ReportEquivocation duplicateVote
             * @property {tianping.v1.DuplicateProposal.$Properties|null} [duplicateProposal] ReportEquivocation duplicateProposal
             * @property {"duplicateVote"|"duplicateProposal"} [kind] ReportEquivocation kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ReportEquivocation.
             * @memberof tianping.v1
             * @interface IReportEquivocation
             * @augments tianping.v1.ReportEquivocation.$Properties
             * @deprecated Use tianping.v1.ReportEquivocation.$Properties instead.
             */

            /**
             * Narrowed shape of a ReportEquivocation.
             * @typedef {{
             *   duplicateVote?: tianping.v1.DuplicateVote.$Shape|null;
             *   duplicateProposal?: tianping.v1.DuplicateProposal.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; duplicateVote?: null; duplicateProposal?: null }|{ kind?: "duplicateVote"; duplicateVote: tianping.v1.DuplicateVote.$Shape; duplicateProposal?: null }|{ kind?: "duplicateProposal"; duplicateVote?: null; duplicateProposal: tianping.v1.DuplicateProposal.$Shape })
             * )} tianping.v1.ReportEquivocation.$Shape
             */

            /**
             * Constructs a new ReportEquivocation.
             * @memberof tianping.v1
             * @classdesc Represents a ReportEquivocation.
             * @constructor
             * @param {tianping.v1.ReportEquivocation.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ReportEquivocation = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ReportEquivocation duplicateVote.
             * @member {tianping.v1.DuplicateVote.$Properties|null|undefined} duplicateVote
             * @memberof tianping.v1.ReportEquivocation
             * @instance
             */
            ReportEquivocation.prototype.duplicateVote = null;

            /**
             * ReportEquivocation duplicateProposal.
             * @member {tianping.v1.DuplicateProposal.$Properties|null|undefined} duplicateProposal
             * @memberof tianping.v1.ReportEquivocation
             * @instance
             */
            ReportEquivocation.prototype.duplicateProposal = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ReportEquivocation kind.
             * @member {"duplicateVote"|"duplicateProposal"|undefined} kind
             * @memberof tianping.v1.ReportEquivocation
             * @instance
             */
            $Object.defineProperty(ReportEquivocation.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["duplicateVote", "duplicateProposal"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ReportEquivocation instance using the specified properties.
             * @function create
             * @memberof tianping.v1.ReportEquivocation
             * @static
             * @param {tianping.v1.ReportEquivocation.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.ReportEquivocation} ReportEquivocation instance
             * @type {{
             *   (properties: tianping.v1.ReportEquivocation.$Shape): tianping.v1.ReportEquivocation & tianping.v1.ReportEquivocation.$Shape;
             *   (properties?: tianping.v1.ReportEquivocation.$Properties): tianping.v1.ReportEquivocation;
             * }}
             */
            ReportEquivocation.create = function(properties) {
                return new ReportEquivocation(properties);
            };

            /**
             * Encodes the specified ReportEquivocation message. Does not implicitly {@link tianping.v1.ReportEquivocation.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.ReportEquivocation
             * @static
             * @param {tianping.v1.ReportEquivocation.$Properties} message ReportEquivocation message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReportEquivocation.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.duplicateVote != null && $Object.hasOwnProperty.call(message, "duplicateVote"))
                    $root.tianping.v1.DuplicateVote.encode(message.duplicateVote, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.duplicateProposal != null && $Object.hasOwnProperty.call(message, "duplicateProposal"))
                    $root.tianping.v1.DuplicateProposal.encode(message.duplicateProposal, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ReportEquivocation message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.ReportEquivocation
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.ReportEquivocation & tianping.v1.ReportEquivocation.$Shape} ReportEquivocation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReportEquivocation.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.ReportEquivocation();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.duplicateVote = $root.tianping.v1.DuplicateVote.decode(reader, reader.size(), $undefined, _depth + 1, message.duplicateVote);
                            message.kind = "duplicateVote";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.duplicateProposal = $root.tianping.v1.DuplicateProposal.decode(reader, reader.size(), $undefined, _depth + 1, message.duplicateProposal);
                            message.kind = "duplicateProposal";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ReportEquivocation
             * @function getTypeUrl
             * @memberof tianping.v1.ReportEquivocation
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ReportEquivocation.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.ReportEquivocation";
            };

            return ReportEquivocation;
        })();

        v1.DuplicateVote = (function() {

            /**
             * Properties of a DuplicateVote.
             * @typedef {Object} tianping.v1.DuplicateVote.$Properties
             * @property {tianping.v1.Vote.$Properties|null} [voteA] DuplicateVote voteA
             * @property {tianping.v1.Vote.$Properties|null} [voteB] DuplicateVote voteB
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DuplicateVote.
             * @memberof tianping.v1
             * @interface IDuplicateVote
             * @augments tianping.v1.DuplicateVote.$Properties
             * @deprecated Use tianping.v1.DuplicateVote.$Properties instead.
             */

            /**
             * Shape of a DuplicateVote.
             * @typedef {tianping.v1.DuplicateVote.$Properties} tianping.v1.DuplicateVote.$Shape
             */

            /**
             * Constructs a new DuplicateVote.
             * @memberof tianping.v1
             * @classdesc Represents a DuplicateVote.
             * @constructor
             * @param {tianping.v1.DuplicateVote.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DuplicateVote = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DuplicateVote voteA.
             * @member {tianping.v1.Vote.$Properties|null|undefined} voteA
             * @memberof tianping.v1.DuplicateVote
             * @instance
             */
            DuplicateVote.prototype.voteA = null;

            /**
             * DuplicateVote voteB.
             * @member {tianping.v1.Vote.$Properties|null|undefined} voteB
             * @memberof tianping.v1.DuplicateVote
             * @instance
             */
            DuplicateVote.prototype.voteB = null;

            /**
             * Creates a new DuplicateVote instance using the specified properties.
             * @function create
             * @memberof tianping.v1.DuplicateVote
             * @static
             * @param {tianping.v1.DuplicateVote.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.DuplicateVote} DuplicateVote instance
             * @type {{
             *   (properties: tianping.v1.DuplicateVote.$Shape): tianping.v1.DuplicateVote & tianping.v1.DuplicateVote.$Shape;
             *   (properties?: tianping.v1.DuplicateVote.$Properties): tianping.v1.DuplicateVote;
             * }}
             */
            DuplicateVote.create = function(properties) {
                return new DuplicateVote(properties);
            };

            /**
             * Encodes the specified DuplicateVote message. Does not implicitly {@link tianping.v1.DuplicateVote.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.DuplicateVote
             * @static
             * @param {tianping.v1.DuplicateVote.$Properties} message DuplicateVote message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DuplicateVote.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.voteA != null && $Object.hasOwnProperty.call(message, "voteA"))
                    $root.tianping.v1.Vote.encode(message.voteA, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.voteB != null && $Object.hasOwnProperty.call(message, "voteB"))
                    $root.tianping.v1.Vote.encode(message.voteB, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DuplicateVote message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.DuplicateVote
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.DuplicateVote & tianping.v1.DuplicateVote.$Shape} DuplicateVote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DuplicateVote.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.DuplicateVote();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.voteA = $root.tianping.v1.Vote.decode(reader, reader.size(), $undefined, _depth + 1, message.voteA);
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.voteB = $root.tianping.v1.Vote.decode(reader, reader.size(), $undefined, _depth + 1, message.voteB);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for DuplicateVote
             * @function getTypeUrl
             * @memberof tianping.v1.DuplicateVote
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DuplicateVote.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.DuplicateVote";
            };

            return DuplicateVote;
        })();

        v1.SignedProposalHeader = (function() {

            /**
             * Properties of a SignedProposalHeader.
             * @typedef {Object} tianping.v1.SignedProposalHeader.$Properties
             * @property {number|null} [height] SignedProposalHeader height
             * @property {number|null} [round] SignedProposalHeader round
             * @property {number|null} [validRound] SignedProposalHeader validRound
             * @property {Uint8Array|null} [blockHash] SignedProposalHeader blockHash
             * @property {number|null} [proposerIndex] SignedProposalHeader proposerIndex
             * @property {Uint8Array|null} [signature] SignedProposalHeader signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SignedProposalHeader.
             * @memberof tianping.v1
             * @interface ISignedProposalHeader
             * @augments tianping.v1.SignedProposalHeader.$Properties
             * @deprecated Use tianping.v1.SignedProposalHeader.$Properties instead.
             */

            /**
             * Shape of a SignedProposalHeader.
             * @typedef {tianping.v1.SignedProposalHeader.$Properties} tianping.v1.SignedProposalHeader.$Shape
             */

            /**
             * Constructs a new SignedProposalHeader.
             * @memberof tianping.v1
             * @classdesc Represents a SignedProposalHeader.
             * @constructor
             * @param {tianping.v1.SignedProposalHeader.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SignedProposalHeader = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SignedProposalHeader height.
             * @member {number} height
             * @memberof tianping.v1.SignedProposalHeader
             * @instance
             */
            SignedProposalHeader.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SignedProposalHeader round.
             * @member {number} round
             * @memberof tianping.v1.SignedProposalHeader
             * @instance
             */
            SignedProposalHeader.prototype.round = 0;

            /**
             * SignedProposalHeader validRound.
             * @member {number} validRound
             * @memberof tianping.v1.SignedProposalHeader
             * @instance
             */
            SignedProposalHeader.prototype.validRound = 0;

            /**
             * SignedProposalHeader blockHash.
             * @member {Uint8Array} blockHash
             * @memberof tianping.v1.SignedProposalHeader
             * @instance
             */
            SignedProposalHeader.prototype.blockHash = $util.newBuffer([]);

            /**
             * SignedProposalHeader proposerIndex.
             * @member {number} proposerIndex
             * @memberof tianping.v1.SignedProposalHeader
             * @instance
             */
            SignedProposalHeader.prototype.proposerIndex = 0;

            /**
             * SignedProposalHeader signature.
             * @member {Uint8Array} signature
             * @memberof tianping.v1.SignedProposalHeader
             * @instance
             */
            SignedProposalHeader.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new SignedProposalHeader instance using the specified properties.
             * @function create
             * @memberof tianping.v1.SignedProposalHeader
             * @static
             * @param {tianping.v1.SignedProposalHeader.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.SignedProposalHeader} SignedProposalHeader instance
             * @type {{
             *   (properties: tianping.v1.SignedProposalHeader.$Shape): tianping.v1.SignedProposalHeader & tianping.v1.SignedProposalHeader.$Shape;
             *   (properties?: tianping.v1.SignedProposalHeader.$Properties): tianping.v1.SignedProposalHeader;
             * }}
             */
            SignedProposalHeader.create = function(properties) {
                return new SignedProposalHeader(properties);
            };

            /**
             * Encodes the specified SignedProposalHeader message. Does not implicitly {@link tianping.v1.SignedProposalHeader.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.SignedProposalHeader
             * @static
             * @param {tianping.v1.SignedProposalHeader.$Properties} message SignedProposalHeader message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SignedProposalHeader.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.height);
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.round);
                if (message.validRound != null && $Object.hasOwnProperty.call(message, "validRound") && message.validRound !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.validRound);
                if (message.blockHash != null && $Object.hasOwnProperty.call(message, "blockHash") && message.blockHash.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.blockHash);
                if (message.proposerIndex != null && $Object.hasOwnProperty.call(message, "proposerIndex") && message.proposerIndex !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.proposerIndex);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SignedProposalHeader message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.SignedProposalHeader
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.SignedProposalHeader & tianping.v1.SignedProposalHeader.$Shape} SignedProposalHeader
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SignedProposalHeader.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.SignedProposalHeader();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.validRound = value;
                            else
                                delete message.validRound;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.blockHash = value;
                            else
                                delete message.blockHash;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.proposerIndex = value;
                            else
                                delete message.proposerIndex;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for SignedProposalHeader
             * @function getTypeUrl
             * @memberof tianping.v1.SignedProposalHeader
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SignedProposalHeader.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.SignedProposalHeader";
            };

            return SignedProposalHeader;
        })();

        v1.DuplicateProposal = (function() {

            /**
             * Properties of a DuplicateProposal.
             * @typedef {Object} tianping.v1.DuplicateProposal.$Properties
             * @property {tianping.v1.SignedProposalHeader.$Properties|null} [proposalA] DuplicateProposal proposalA
             * @property {tianping.v1.SignedProposalHeader.$Properties|null} [proposalB] DuplicateProposal proposalB
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DuplicateProposal.
             * @memberof tianping.v1
             * @interface IDuplicateProposal
             * @augments tianping.v1.DuplicateProposal.$Properties
             * @deprecated Use tianping.v1.DuplicateProposal.$Properties instead.
             */

            /**
             * Shape of a DuplicateProposal.
             * @typedef {tianping.v1.DuplicateProposal.$Properties} tianping.v1.DuplicateProposal.$Shape
             */

            /**
             * Constructs a new DuplicateProposal.
             * @memberof tianping.v1
             * @classdesc Represents a DuplicateProposal.
             * @constructor
             * @param {tianping.v1.DuplicateProposal.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DuplicateProposal = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DuplicateProposal proposalA.
             * @member {tianping.v1.SignedProposalHeader.$Properties|null|undefined} proposalA
             * @memberof tianping.v1.DuplicateProposal
             * @instance
             */
            DuplicateProposal.prototype.proposalA = null;

            /**
             * DuplicateProposal proposalB.
             * @member {tianping.v1.SignedProposalHeader.$Properties|null|undefined} proposalB
             * @memberof tianping.v1.DuplicateProposal
             * @instance
             */
            DuplicateProposal.prototype.proposalB = null;

            /**
             * Creates a new DuplicateProposal instance using the specified properties.
             * @function create
             * @memberof tianping.v1.DuplicateProposal
             * @static
             * @param {tianping.v1.DuplicateProposal.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.DuplicateProposal} DuplicateProposal instance
             * @type {{
             *   (properties: tianping.v1.DuplicateProposal.$Shape): tianping.v1.DuplicateProposal & tianping.v1.DuplicateProposal.$Shape;
             *   (properties?: tianping.v1.DuplicateProposal.$Properties): tianping.v1.DuplicateProposal;
             * }}
             */
            DuplicateProposal.create = function(properties) {
                return new DuplicateProposal(properties);
            };

            /**
             * Encodes the specified DuplicateProposal message. Does not implicitly {@link tianping.v1.DuplicateProposal.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.DuplicateProposal
             * @static
             * @param {tianping.v1.DuplicateProposal.$Properties} message DuplicateProposal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DuplicateProposal.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.proposalA != null && $Object.hasOwnProperty.call(message, "proposalA"))
                    $root.tianping.v1.SignedProposalHeader.encode(message.proposalA, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.proposalB != null && $Object.hasOwnProperty.call(message, "proposalB"))
                    $root.tianping.v1.SignedProposalHeader.encode(message.proposalB, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DuplicateProposal message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.DuplicateProposal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.DuplicateProposal & tianping.v1.DuplicateProposal.$Shape} DuplicateProposal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DuplicateProposal.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.DuplicateProposal();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.proposalA = $root.tianping.v1.SignedProposalHeader.decode(reader, reader.size(), $undefined, _depth + 1, message.proposalA);
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.proposalB = $root.tianping.v1.SignedProposalHeader.decode(reader, reader.size(), $undefined, _depth + 1, message.proposalB);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for DuplicateProposal
             * @function getTypeUrl
             * @memberof tianping.v1.DuplicateProposal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DuplicateProposal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.DuplicateProposal";
            };

            return DuplicateProposal;
        })();

        v1.AnchorBatch = (function() {

            /**
             * Properties of an AnchorBatch.
             * @typedef {Object} tianping.v1.AnchorBatch.$Properties
             * @property {tianping.v1.HashAlgorithm|null} [algorithm] AnchorBatch algorithm
             * @property {string|null} [category] AnchorBatch category
             * @property {tianping.v1.IndexedItems.$Properties|null} [indexed] AnchorBatch indexed
             * @property {tianping.v1.RootOnly.$Properties|null} [rootOnly] AnchorBatch rootOnly
             * @property {string|null} [externalRef] AnchorBatch externalRef
             * @property {Uint8Array|null} [metadataDigest] AnchorBatch metadataDigest
             * @property {boolean|null} [salted] AnchorBatch salted
             * @property {"indexed"|"rootOnly"} [kind] AnchorBatch kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AnchorBatch.
             * @memberof tianping.v1
             * @interface IAnchorBatch
             * @augments tianping.v1.AnchorBatch.$Properties
             * @deprecated Use tianping.v1.AnchorBatch.$Properties instead.
             */

            /**
             * Narrowed shape of an AnchorBatch.
             * @typedef {{
             *   algorithm?: tianping.v1.HashAlgorithm|null;
             *   category?: string|null;
             *   indexed?: tianping.v1.IndexedItems.$Shape|null;
             *   rootOnly?: tianping.v1.RootOnly.$Shape|null;
             *   externalRef?: string|null;
             *   metadataDigest?: Uint8Array|null;
             *   salted?: boolean|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; indexed?: null; rootOnly?: null }|{ kind?: "indexed"; indexed: tianping.v1.IndexedItems.$Shape; rootOnly?: null }|{ kind?: "rootOnly"; indexed?: null; rootOnly: tianping.v1.RootOnly.$Shape })
             * )} tianping.v1.AnchorBatch.$Shape
             */

            /**
             * Constructs a new AnchorBatch.
             * @memberof tianping.v1
             * @classdesc Represents an AnchorBatch.
             * @constructor
             * @param {tianping.v1.AnchorBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AnchorBatch = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AnchorBatch algorithm.
             * @member {tianping.v1.HashAlgorithm} algorithm
             * @memberof tianping.v1.AnchorBatch
             * @instance
             */
            AnchorBatch.prototype.algorithm = 0;

            /**
             * AnchorBatch category.
             * @member {string} category
             * @memberof tianping.v1.AnchorBatch
             * @instance
             */
            AnchorBatch.prototype.category = "";

            /**
             * AnchorBatch indexed.
             * @member {tianping.v1.IndexedItems.$Properties|null|undefined} indexed
             * @memberof tianping.v1.AnchorBatch
             * @instance
             */
            AnchorBatch.prototype.indexed = null;

            /**
             * AnchorBatch rootOnly.
             * @member {tianping.v1.RootOnly.$Properties|null|undefined} rootOnly
             * @memberof tianping.v1.AnchorBatch
             * @instance
             */
            AnchorBatch.prototype.rootOnly = null;

            /**
             * AnchorBatch externalRef.
             * @member {string} externalRef
             * @memberof tianping.v1.AnchorBatch
             * @instance
             */
            AnchorBatch.prototype.externalRef = "";

            /**
             * AnchorBatch metadataDigest.
             * @member {Uint8Array} metadataDigest
             * @memberof tianping.v1.AnchorBatch
             * @instance
             */
            AnchorBatch.prototype.metadataDigest = $util.newBuffer([]);

            /**
             * AnchorBatch salted.
             * @member {boolean} salted
             * @memberof tianping.v1.AnchorBatch
             * @instance
             */
            AnchorBatch.prototype.salted = false;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * AnchorBatch kind.
             * @member {"indexed"|"rootOnly"|undefined} kind
             * @memberof tianping.v1.AnchorBatch
             * @instance
             */
            $Object.defineProperty(AnchorBatch.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["indexed", "rootOnly"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new AnchorBatch instance using the specified properties.
             * @function create
             * @memberof tianping.v1.AnchorBatch
             * @static
             * @param {tianping.v1.AnchorBatch.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.AnchorBatch} AnchorBatch instance
             * @type {{
             *   (properties: tianping.v1.AnchorBatch.$Shape): tianping.v1.AnchorBatch & tianping.v1.AnchorBatch.$Shape;
             *   (properties?: tianping.v1.AnchorBatch.$Properties): tianping.v1.AnchorBatch;
             * }}
             */
            AnchorBatch.create = function(properties) {
                return new AnchorBatch(properties);
            };

            /**
             * Encodes the specified AnchorBatch message. Does not implicitly {@link tianping.v1.AnchorBatch.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.AnchorBatch
             * @static
             * @param {tianping.v1.AnchorBatch.$Properties} message AnchorBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AnchorBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.algorithm != null && $Object.hasOwnProperty.call(message, "algorithm") && message.algorithm !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.algorithm);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.category);
                if (message.indexed != null && $Object.hasOwnProperty.call(message, "indexed"))
                    $root.tianping.v1.IndexedItems.encode(message.indexed, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.rootOnly != null && $Object.hasOwnProperty.call(message, "rootOnly"))
                    $root.tianping.v1.RootOnly.encode(message.rootOnly, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.externalRef != null && $Object.hasOwnProperty.call(message, "externalRef") && message.externalRef !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.externalRef);
                if (message.metadataDigest != null && $Object.hasOwnProperty.call(message, "metadataDigest") && message.metadataDigest.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.metadataDigest);
                if (message.salted != null && $Object.hasOwnProperty.call(message, "salted") && message.salted !== false)
                    writer.uint32(/* id 7, wireType 0 =*/56).bool(message.salted);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AnchorBatch message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.AnchorBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.AnchorBatch & tianping.v1.AnchorBatch.$Shape} AnchorBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AnchorBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.AnchorBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.algorithm = value;
                            else
                                delete message.algorithm;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.indexed = $root.tianping.v1.IndexedItems.decode(reader, reader.size(), $undefined, _depth + 1, message.indexed);
                            message.kind = "indexed";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.rootOnly = $root.tianping.v1.RootOnly.decode(reader, reader.size(), $undefined, _depth + 1, message.rootOnly);
                            message.kind = "rootOnly";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.externalRef = value;
                            else
                                delete message.externalRef;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.metadataDigest = value;
                            else
                                delete message.metadataDigest;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.salted = value;
                            else
                                delete message.salted;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for AnchorBatch
             * @function getTypeUrl
             * @memberof tianping.v1.AnchorBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AnchorBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.AnchorBatch";
            };

            return AnchorBatch;
        })();

        v1.IndexedItems = (function() {

            /**
             * Properties of an IndexedItems.
             * @typedef {Object} tianping.v1.IndexedItems.$Properties
             * @property {Array.<Uint8Array>|null} [digests] IndexedItems digests
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an IndexedItems.
             * @memberof tianping.v1
             * @interface IIndexedItems
             * @augments tianping.v1.IndexedItems.$Properties
             * @deprecated Use tianping.v1.IndexedItems.$Properties instead.
             */

            /**
             * Shape of an IndexedItems.
             * @typedef {tianping.v1.IndexedItems.$Properties} tianping.v1.IndexedItems.$Shape
             */

            /**
             * Constructs a new IndexedItems.
             * @memberof tianping.v1
             * @classdesc Represents an IndexedItems.
             * @constructor
             * @param {tianping.v1.IndexedItems.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const IndexedItems = function (properties) {
                this.digests = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * IndexedItems digests.
             * @member {Array.<Uint8Array>} digests
             * @memberof tianping.v1.IndexedItems
             * @instance
             */
            IndexedItems.prototype.digests = $util.emptyArray;

            /**
             * Creates a new IndexedItems instance using the specified properties.
             * @function create
             * @memberof tianping.v1.IndexedItems
             * @static
             * @param {tianping.v1.IndexedItems.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.IndexedItems} IndexedItems instance
             * @type {{
             *   (properties: tianping.v1.IndexedItems.$Shape): tianping.v1.IndexedItems & tianping.v1.IndexedItems.$Shape;
             *   (properties?: tianping.v1.IndexedItems.$Properties): tianping.v1.IndexedItems;
             * }}
             */
            IndexedItems.create = function(properties) {
                return new IndexedItems(properties);
            };

            /**
             * Encodes the specified IndexedItems message. Does not implicitly {@link tianping.v1.IndexedItems.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.IndexedItems
             * @static
             * @param {tianping.v1.IndexedItems.$Properties} message IndexedItems message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IndexedItems.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.digests != null && message.digests.length)
                    for (let i = 0; i < message.digests.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.digests[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an IndexedItems message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.IndexedItems
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.IndexedItems & tianping.v1.IndexedItems.$Shape} IndexedItems
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IndexedItems.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.IndexedItems();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.digests && message.digests.length))
                                message.digests = [];
                            message.digests.push(reader.bytes());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for IndexedItems
             * @function getTypeUrl
             * @memberof tianping.v1.IndexedItems
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            IndexedItems.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.IndexedItems";
            };

            return IndexedItems;
        })();

        v1.RootOnly = (function() {

            /**
             * Properties of a RootOnly.
             * @typedef {Object} tianping.v1.RootOnly.$Properties
             * @property {Uint8Array|null} [root] RootOnly root
             * @property {number|null} [itemCount] RootOnly itemCount
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RootOnly.
             * @memberof tianping.v1
             * @interface IRootOnly
             * @augments tianping.v1.RootOnly.$Properties
             * @deprecated Use tianping.v1.RootOnly.$Properties instead.
             */

            /**
             * Shape of a RootOnly.
             * @typedef {tianping.v1.RootOnly.$Properties} tianping.v1.RootOnly.$Shape
             */

            /**
             * Constructs a new RootOnly.
             * @memberof tianping.v1
             * @classdesc Represents a RootOnly.
             * @constructor
             * @param {tianping.v1.RootOnly.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RootOnly = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RootOnly root.
             * @member {Uint8Array} root
             * @memberof tianping.v1.RootOnly
             * @instance
             */
            RootOnly.prototype.root = $util.newBuffer([]);

            /**
             * RootOnly itemCount.
             * @member {number} itemCount
             * @memberof tianping.v1.RootOnly
             * @instance
             */
            RootOnly.prototype.itemCount = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new RootOnly instance using the specified properties.
             * @function create
             * @memberof tianping.v1.RootOnly
             * @static
             * @param {tianping.v1.RootOnly.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.RootOnly} RootOnly instance
             * @type {{
             *   (properties: tianping.v1.RootOnly.$Shape): tianping.v1.RootOnly & tianping.v1.RootOnly.$Shape;
             *   (properties?: tianping.v1.RootOnly.$Properties): tianping.v1.RootOnly;
             * }}
             */
            RootOnly.create = function(properties) {
                return new RootOnly(properties);
            };

            /**
             * Encodes the specified RootOnly message. Does not implicitly {@link tianping.v1.RootOnly.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.RootOnly
             * @static
             * @param {tianping.v1.RootOnly.$Properties} message RootOnly message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RootOnly.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.root != null && $Object.hasOwnProperty.call(message, "root") && message.root.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.root);
                if (message.itemCount != null && $Object.hasOwnProperty.call(message, "itemCount") && (typeof message.itemCount === "object" ? message.itemCount.low || message.itemCount.high : message.itemCount !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.itemCount);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a RootOnly message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.RootOnly
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.RootOnly & tianping.v1.RootOnly.$Shape} RootOnly
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RootOnly.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.RootOnly();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.root = value;
                            else
                                delete message.root;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.itemCount = value;
                            else
                                delete message.itemCount;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for RootOnly
             * @function getTypeUrl
             * @memberof tianping.v1.RootOnly
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RootOnly.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.RootOnly";
            };

            return RootOnly;
        })();

        v1.Receipt = (function() {

            /**
             * Properties of a Receipt.
             * @typedef {Object} tianping.v1.Receipt.$Properties
             * @property {number|null} [version] Receipt version
             * @property {string|null} [chainId] Receipt chainId
             * @property {tianping.v1.HashAlgorithm|null} [algorithm] Receipt algorithm
             * @property {Uint8Array|null} [digest] Receipt digest
             * @property {boolean|null} [salted] Receipt salted
             * @property {tianping.v1.BatchPath.$Properties|null} [batch] Receipt batch
             * @property {Uint8Array|null} [tx] Receipt tx
             * @property {number|null} [txIndex] Receipt txIndex
             * @property {number|null} [txCount] Receipt txCount
             * @property {Array.<Uint8Array>|null} [txProof] Receipt txProof
             * @property {Uint8Array|null} [header] Receipt header
             * @property {Uint8Array|null} [commit] Receipt commit
             * @property {Array.<tianping.v1.ValidatorSetChange.$Properties>|null} [setChanges] Receipt setChanges
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Receipt.
             * @memberof tianping.v1
             * @interface IReceipt
             * @augments tianping.v1.Receipt.$Properties
             * @deprecated Use tianping.v1.Receipt.$Properties instead.
             */

            /**
             * Shape of a Receipt.
             * @typedef {tianping.v1.Receipt.$Properties} tianping.v1.Receipt.$Shape
             */

            /**
             * Constructs a new Receipt.
             * @memberof tianping.v1
             * @classdesc Represents a Receipt.
             * @constructor
             * @param {tianping.v1.Receipt.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Receipt = function (properties) {
                this.txProof = [];
                this.setChanges = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Receipt version.
             * @member {number} version
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.version = 0;

            /**
             * Receipt chainId.
             * @member {string} chainId
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.chainId = "";

            /**
             * Receipt algorithm.
             * @member {tianping.v1.HashAlgorithm} algorithm
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.algorithm = 0;

            /**
             * Receipt digest.
             * @member {Uint8Array} digest
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.digest = $util.newBuffer([]);

            /**
             * Receipt salted.
             * @member {boolean} salted
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.salted = false;

            /**
             * Receipt batch.
             * @member {tianping.v1.BatchPath.$Properties|null|undefined} batch
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.batch = null;

            /**
             * Receipt tx.
             * @member {Uint8Array} tx
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.tx = $util.newBuffer([]);

            /**
             * Receipt txIndex.
             * @member {number} txIndex
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.txIndex = 0;

            /**
             * Receipt txCount.
             * @member {number} txCount
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.txCount = 0;

            /**
             * Receipt txProof.
             * @member {Array.<Uint8Array>} txProof
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.txProof = $util.emptyArray;

            /**
             * Receipt header.
             * @member {Uint8Array} header
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.header = $util.newBuffer([]);

            /**
             * Receipt commit.
             * @member {Uint8Array} commit
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.commit = $util.newBuffer([]);

            /**
             * Receipt setChanges.
             * @member {Array.<tianping.v1.ValidatorSetChange.$Properties>} setChanges
             * @memberof tianping.v1.Receipt
             * @instance
             */
            Receipt.prototype.setChanges = $util.emptyArray;

            /**
             * Creates a new Receipt instance using the specified properties.
             * @function create
             * @memberof tianping.v1.Receipt
             * @static
             * @param {tianping.v1.Receipt.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.Receipt} Receipt instance
             * @type {{
             *   (properties: tianping.v1.Receipt.$Shape): tianping.v1.Receipt & tianping.v1.Receipt.$Shape;
             *   (properties?: tianping.v1.Receipt.$Properties): tianping.v1.Receipt;
             * }}
             */
            Receipt.create = function(properties) {
                return new Receipt(properties);
            };

            /**
             * Encodes the specified Receipt message. Does not implicitly {@link tianping.v1.Receipt.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.Receipt
             * @static
             * @param {tianping.v1.Receipt.$Properties} message Receipt message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Receipt.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                if (message.chainId != null && $Object.hasOwnProperty.call(message, "chainId") && message.chainId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.chainId);
                if (message.algorithm != null && $Object.hasOwnProperty.call(message, "algorithm") && message.algorithm !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.algorithm);
                if (message.digest != null && $Object.hasOwnProperty.call(message, "digest") && message.digest.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.digest);
                if (message.salted != null && $Object.hasOwnProperty.call(message, "salted") && message.salted !== false)
                    writer.uint32(/* id 5, wireType 0 =*/40).bool(message.salted);
                if (message.batch != null && $Object.hasOwnProperty.call(message, "batch"))
                    $root.tianping.v1.BatchPath.encode(message.batch, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.tx != null && $Object.hasOwnProperty.call(message, "tx") && message.tx.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.tx);
                if (message.txIndex != null && $Object.hasOwnProperty.call(message, "txIndex") && message.txIndex !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.txIndex);
                if (message.txCount != null && $Object.hasOwnProperty.call(message, "txCount") && message.txCount !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.txCount);
                if (message.txProof != null && message.txProof.length)
                    for (let i = 0; i < message.txProof.length; ++i)
                        writer.uint32(/* id 10, wireType 2 =*/82).bytes(message.txProof[i]);
                if (message.header != null && $Object.hasOwnProperty.call(message, "header") && message.header.length)
                    writer.uint32(/* id 11, wireType 2 =*/90).bytes(message.header);
                if (message.commit != null && $Object.hasOwnProperty.call(message, "commit") && message.commit.length)
                    writer.uint32(/* id 12, wireType 2 =*/98).bytes(message.commit);
                if (message.setChanges != null && message.setChanges.length)
                    for (let i = 0; i < message.setChanges.length; ++i)
                        $root.tianping.v1.ValidatorSetChange.encode(message.setChanges[i], writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Receipt message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.Receipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.Receipt & tianping.v1.Receipt.$Shape} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Receipt.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.Receipt();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.chainId = value;
                            else
                                delete message.chainId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.algorithm = value;
                            else
                                delete message.algorithm;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.digest = value;
                            else
                                delete message.digest;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.salted = value;
                            else
                                delete message.salted;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.batch = $root.tianping.v1.BatchPath.decode(reader, reader.size(), $undefined, _depth + 1, message.batch);
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.tx = value;
                            else
                                delete message.tx;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.txIndex = value;
                            else
                                delete message.txIndex;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.txCount = value;
                            else
                                delete message.txCount;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if (!(message.txProof && message.txProof.length))
                                message.txProof = [];
                            message.txProof.push(reader.bytes());
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.header = value;
                            else
                                delete message.header;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.commit = value;
                            else
                                delete message.commit;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            if (!(message.setChanges && message.setChanges.length))
                                message.setChanges = [];
                            message.setChanges.push($root.tianping.v1.ValidatorSetChange.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Receipt
             * @function getTypeUrl
             * @memberof tianping.v1.Receipt
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Receipt.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.Receipt";
            };

            return Receipt;
        })();

        v1.BatchPath = (function() {

            /**
             * Properties of a BatchPath.
             * @typedef {Object} tianping.v1.BatchPath.$Properties
             * @property {number|null} [itemIndex] BatchPath itemIndex
             * @property {number|null} [itemCount] BatchPath itemCount
             * @property {Array.<Uint8Array>|null} [path] BatchPath path
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BatchPath.
             * @memberof tianping.v1
             * @interface IBatchPath
             * @augments tianping.v1.BatchPath.$Properties
             * @deprecated Use tianping.v1.BatchPath.$Properties instead.
             */

            /**
             * Shape of a BatchPath.
             * @typedef {tianping.v1.BatchPath.$Properties} tianping.v1.BatchPath.$Shape
             */

            /**
             * Constructs a new BatchPath.
             * @memberof tianping.v1
             * @classdesc Represents a BatchPath.
             * @constructor
             * @param {tianping.v1.BatchPath.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BatchPath = function (properties) {
                this.path = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BatchPath itemIndex.
             * @member {number} itemIndex
             * @memberof tianping.v1.BatchPath
             * @instance
             */
            BatchPath.prototype.itemIndex = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BatchPath itemCount.
             * @member {number} itemCount
             * @memberof tianping.v1.BatchPath
             * @instance
             */
            BatchPath.prototype.itemCount = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BatchPath path.
             * @member {Array.<Uint8Array>} path
             * @memberof tianping.v1.BatchPath
             * @instance
             */
            BatchPath.prototype.path = $util.emptyArray;

            /**
             * Creates a new BatchPath instance using the specified properties.
             * @function create
             * @memberof tianping.v1.BatchPath
             * @static
             * @param {tianping.v1.BatchPath.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.BatchPath} BatchPath instance
             * @type {{
             *   (properties: tianping.v1.BatchPath.$Shape): tianping.v1.BatchPath & tianping.v1.BatchPath.$Shape;
             *   (properties?: tianping.v1.BatchPath.$Properties): tianping.v1.BatchPath;
             * }}
             */
            BatchPath.create = function(properties) {
                return new BatchPath(properties);
            };

            /**
             * Encodes the specified BatchPath message. Does not implicitly {@link tianping.v1.BatchPath.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.BatchPath
             * @static
             * @param {tianping.v1.BatchPath.$Properties} message BatchPath message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BatchPath.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.itemIndex != null && $Object.hasOwnProperty.call(message, "itemIndex") && (typeof message.itemIndex === "object" ? message.itemIndex.low || message.itemIndex.high : message.itemIndex !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.itemIndex);
                if (message.itemCount != null && $Object.hasOwnProperty.call(message, "itemCount") && (typeof message.itemCount === "object" ? message.itemCount.low || message.itemCount.high : message.itemCount !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.itemCount);
                if (message.path != null && message.path.length)
                    for (let i = 0; i < message.path.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.path[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BatchPath message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.BatchPath
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.BatchPath & tianping.v1.BatchPath.$Shape} BatchPath
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BatchPath.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.BatchPath();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.itemIndex = value;
                            else
                                delete message.itemIndex;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.itemCount = value;
                            else
                                delete message.itemCount;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.path && message.path.length))
                                message.path = [];
                            message.path.push(reader.bytes());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for BatchPath
             * @function getTypeUrl
             * @memberof tianping.v1.BatchPath
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BatchPath.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.BatchPath";
            };

            return BatchPath;
        })();

        v1.ValidatorSetChange = (function() {

            /**
             * Properties of a ValidatorSetChange.
             * @typedef {Object} tianping.v1.ValidatorSetChange.$Properties
             * @property {Uint8Array|null} [header] ValidatorSetChange header
             * @property {Uint8Array|null} [commit] ValidatorSetChange commit
             * @property {tianping.v1.ValidatorSet.$Properties|null} [nextValidators] ValidatorSetChange nextValidators
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ValidatorSetChange.
             * @memberof tianping.v1
             * @interface IValidatorSetChange
             * @augments tianping.v1.ValidatorSetChange.$Properties
             * @deprecated Use tianping.v1.ValidatorSetChange.$Properties instead.
             */

            /**
             * Shape of a ValidatorSetChange.
             * @typedef {tianping.v1.ValidatorSetChange.$Properties} tianping.v1.ValidatorSetChange.$Shape
             */

            /**
             * Constructs a new ValidatorSetChange.
             * @memberof tianping.v1
             * @classdesc Represents a ValidatorSetChange.
             * @constructor
             * @param {tianping.v1.ValidatorSetChange.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ValidatorSetChange = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ValidatorSetChange header.
             * @member {Uint8Array} header
             * @memberof tianping.v1.ValidatorSetChange
             * @instance
             */
            ValidatorSetChange.prototype.header = $util.newBuffer([]);

            /**
             * ValidatorSetChange commit.
             * @member {Uint8Array} commit
             * @memberof tianping.v1.ValidatorSetChange
             * @instance
             */
            ValidatorSetChange.prototype.commit = $util.newBuffer([]);

            /**
             * ValidatorSetChange nextValidators.
             * @member {tianping.v1.ValidatorSet.$Properties|null|undefined} nextValidators
             * @memberof tianping.v1.ValidatorSetChange
             * @instance
             */
            ValidatorSetChange.prototype.nextValidators = null;

            /**
             * Creates a new ValidatorSetChange instance using the specified properties.
             * @function create
             * @memberof tianping.v1.ValidatorSetChange
             * @static
             * @param {tianping.v1.ValidatorSetChange.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.ValidatorSetChange} ValidatorSetChange instance
             * @type {{
             *   (properties: tianping.v1.ValidatorSetChange.$Shape): tianping.v1.ValidatorSetChange & tianping.v1.ValidatorSetChange.$Shape;
             *   (properties?: tianping.v1.ValidatorSetChange.$Properties): tianping.v1.ValidatorSetChange;
             * }}
             */
            ValidatorSetChange.create = function(properties) {
                return new ValidatorSetChange(properties);
            };

            /**
             * Encodes the specified ValidatorSetChange message. Does not implicitly {@link tianping.v1.ValidatorSetChange.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.ValidatorSetChange
             * @static
             * @param {tianping.v1.ValidatorSetChange.$Properties} message ValidatorSetChange message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ValidatorSetChange.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.header != null && $Object.hasOwnProperty.call(message, "header") && message.header.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.header);
                if (message.commit != null && $Object.hasOwnProperty.call(message, "commit") && message.commit.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.commit);
                if (message.nextValidators != null && $Object.hasOwnProperty.call(message, "nextValidators"))
                    $root.tianping.v1.ValidatorSet.encode(message.nextValidators, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ValidatorSetChange message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.ValidatorSetChange
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.ValidatorSetChange & tianping.v1.ValidatorSetChange.$Shape} ValidatorSetChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ValidatorSetChange.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.ValidatorSetChange();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.header = value;
                            else
                                delete message.header;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.commit = value;
                            else
                                delete message.commit;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.nextValidators = $root.tianping.v1.ValidatorSet.decode(reader, reader.size(), $undefined, _depth + 1, message.nextValidators);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ValidatorSetChange
             * @function getTypeUrl
             * @memberof tianping.v1.ValidatorSetChange
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ValidatorSetChange.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.ValidatorSetChange";
            };

            return ValidatorSetChange;
        })();

        v1.EquivocationRecord = (function() {

            /**
             * Properties of an EquivocationRecord.
             * @typedef {Object} tianping.v1.EquivocationRecord.$Properties
             * @property {Uint8Array|null} [validator] EquivocationRecord validator
             * @property {number|null} [offenceHeight] EquivocationRecord offenceHeight
             * @property {number|null} [offenceRound] EquivocationRecord offenceRound
             * @property {string|null} [kind] EquivocationRecord kind
             * @property {Uint8Array|null} [reporter] EquivocationRecord reporter
             * @property {number|null} [height] EquivocationRecord height
             * @property {Uint8Array|null} [txHash] EquivocationRecord txHash
             * @property {tianping.v1.ReportEquivocation.$Properties|null} [proof] EquivocationRecord proof
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EquivocationRecord.
             * @memberof tianping.v1
             * @interface IEquivocationRecord
             * @augments tianping.v1.EquivocationRecord.$Properties
             * @deprecated Use tianping.v1.EquivocationRecord.$Properties instead.
             */

            /**
             * Shape of an EquivocationRecord.
             * @typedef {{
             *   validator?: Uint8Array|null;
             *   offenceHeight?: number|null;
             *   offenceRound?: number|null;
             *   kind?: string|null;
             *   reporter?: Uint8Array|null;
             *   height?: number|null;
             *   txHash?: Uint8Array|null;
             *   proof?: tianping.v1.ReportEquivocation.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} tianping.v1.EquivocationRecord.$Shape
             */

            /**
             * Constructs a new EquivocationRecord.
             * @memberof tianping.v1
             * @classdesc Represents an EquivocationRecord.
             * @constructor
             * @param {tianping.v1.EquivocationRecord.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EquivocationRecord = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EquivocationRecord validator.
             * @member {Uint8Array} validator
             * @memberof tianping.v1.EquivocationRecord
             * @instance
             */
            EquivocationRecord.prototype.validator = $util.newBuffer([]);

            /**
             * EquivocationRecord offenceHeight.
             * @member {number} offenceHeight
             * @memberof tianping.v1.EquivocationRecord
             * @instance
             */
            EquivocationRecord.prototype.offenceHeight = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EquivocationRecord offenceRound.
             * @member {number} offenceRound
             * @memberof tianping.v1.EquivocationRecord
             * @instance
             */
            EquivocationRecord.prototype.offenceRound = 0;

            /**
             * EquivocationRecord kind.
             * @member {string} kind
             * @memberof tianping.v1.EquivocationRecord
             * @instance
             */
            EquivocationRecord.prototype.kind = "";

            /**
             * EquivocationRecord reporter.
             * @member {Uint8Array} reporter
             * @memberof tianping.v1.EquivocationRecord
             * @instance
             */
            EquivocationRecord.prototype.reporter = $util.newBuffer([]);

            /**
             * EquivocationRecord height.
             * @member {number} height
             * @memberof tianping.v1.EquivocationRecord
             * @instance
             */
            EquivocationRecord.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EquivocationRecord txHash.
             * @member {Uint8Array} txHash
             * @memberof tianping.v1.EquivocationRecord
             * @instance
             */
            EquivocationRecord.prototype.txHash = $util.newBuffer([]);

            /**
             * EquivocationRecord proof.
             * @member {tianping.v1.ReportEquivocation.$Properties|null|undefined} proof
             * @memberof tianping.v1.EquivocationRecord
             * @instance
             */
            EquivocationRecord.prototype.proof = null;

            /**
             * Creates a new EquivocationRecord instance using the specified properties.
             * @function create
             * @memberof tianping.v1.EquivocationRecord
             * @static
             * @param {tianping.v1.EquivocationRecord.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.EquivocationRecord} EquivocationRecord instance
             * @type {{
             *   (properties: tianping.v1.EquivocationRecord.$Shape): tianping.v1.EquivocationRecord & tianping.v1.EquivocationRecord.$Shape;
             *   (properties?: tianping.v1.EquivocationRecord.$Properties): tianping.v1.EquivocationRecord;
             * }}
             */
            EquivocationRecord.create = function(properties) {
                return new EquivocationRecord(properties);
            };

            /**
             * Encodes the specified EquivocationRecord message. Does not implicitly {@link tianping.v1.EquivocationRecord.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.EquivocationRecord
             * @static
             * @param {tianping.v1.EquivocationRecord.$Properties} message EquivocationRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EquivocationRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.validator != null && $Object.hasOwnProperty.call(message, "validator") && message.validator.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.validator);
                if (message.offenceHeight != null && $Object.hasOwnProperty.call(message, "offenceHeight") && (typeof message.offenceHeight === "object" ? message.offenceHeight.low || message.offenceHeight.high : message.offenceHeight !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.offenceHeight);
                if (message.offenceRound != null && $Object.hasOwnProperty.call(message, "offenceRound") && message.offenceRound !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.offenceRound);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.kind);
                if (message.reporter != null && $Object.hasOwnProperty.call(message, "reporter") && message.reporter.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.reporter);
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.height);
                if (message.txHash != null && $Object.hasOwnProperty.call(message, "txHash") && message.txHash.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.txHash);
                if (message.proof != null && $Object.hasOwnProperty.call(message, "proof"))
                    $root.tianping.v1.ReportEquivocation.encode(message.proof, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an EquivocationRecord message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.EquivocationRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.EquivocationRecord & tianping.v1.EquivocationRecord.$Shape} EquivocationRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EquivocationRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.EquivocationRecord();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.validator = value;
                            else
                                delete message.validator;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.offenceHeight = value;
                            else
                                delete message.offenceHeight;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.offenceRound = value;
                            else
                                delete message.offenceRound;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.reporter = value;
                            else
                                delete message.reporter;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.txHash = value;
                            else
                                delete message.txHash;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.proof = $root.tianping.v1.ReportEquivocation.decode(reader, reader.size(), $undefined, _depth + 1, message.proof);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for EquivocationRecord
             * @function getTypeUrl
             * @memberof tianping.v1.EquivocationRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EquivocationRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.EquivocationRecord";
            };

            return EquivocationRecord;
        })();

        v1.EvidenceRecord = (function() {

            /**
             * Properties of an EvidenceRecord.
             * @typedef {Object} tianping.v1.EvidenceRecord.$Properties
             * @property {tianping.v1.HashAlgorithm|null} [algorithm] EvidenceRecord algorithm
             * @property {Uint8Array|null} [digest] EvidenceRecord digest
             * @property {string|null} [category] EvidenceRecord category
             * @property {Uint8Array|null} [submitter] EvidenceRecord submitter
             * @property {string|null} [externalRef] EvidenceRecord externalRef
             * @property {Uint8Array|null} [metadataDigest] EvidenceRecord metadataDigest
             * @property {boolean|null} [salted] EvidenceRecord salted
             * @property {number|null} [height] EvidenceRecord height
             * @property {number|null} [timeMs] EvidenceRecord timeMs
             * @property {Uint8Array|null} [txHash] EvidenceRecord txHash
             * @property {number|null} [txIndex] EvidenceRecord txIndex
             * @property {boolean|null} [inBatch] EvidenceRecord inBatch
             * @property {number|null} [batchItemIndex] EvidenceRecord batchItemIndex
             * @property {number|null} [batchItemCount] EvidenceRecord batchItemCount
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EvidenceRecord.
             * @memberof tianping.v1
             * @interface IEvidenceRecord
             * @augments tianping.v1.EvidenceRecord.$Properties
             * @deprecated Use tianping.v1.EvidenceRecord.$Properties instead.
             */

            /**
             * Shape of an EvidenceRecord.
             * @typedef {tianping.v1.EvidenceRecord.$Properties} tianping.v1.EvidenceRecord.$Shape
             */

            /**
             * Constructs a new EvidenceRecord.
             * @memberof tianping.v1
             * @classdesc Represents an EvidenceRecord.
             * @constructor
             * @param {tianping.v1.EvidenceRecord.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EvidenceRecord = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EvidenceRecord algorithm.
             * @member {tianping.v1.HashAlgorithm} algorithm
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.algorithm = 0;

            /**
             * EvidenceRecord digest.
             * @member {Uint8Array} digest
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.digest = $util.newBuffer([]);

            /**
             * EvidenceRecord category.
             * @member {string} category
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.category = "";

            /**
             * EvidenceRecord submitter.
             * @member {Uint8Array} submitter
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.submitter = $util.newBuffer([]);

            /**
             * EvidenceRecord externalRef.
             * @member {string} externalRef
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.externalRef = "";

            /**
             * EvidenceRecord metadataDigest.
             * @member {Uint8Array} metadataDigest
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.metadataDigest = $util.newBuffer([]);

            /**
             * EvidenceRecord salted.
             * @member {boolean} salted
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.salted = false;

            /**
             * EvidenceRecord height.
             * @member {number} height
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EvidenceRecord timeMs.
             * @member {number} timeMs
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EvidenceRecord txHash.
             * @member {Uint8Array} txHash
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.txHash = $util.newBuffer([]);

            /**
             * EvidenceRecord txIndex.
             * @member {number} txIndex
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.txIndex = 0;

            /**
             * EvidenceRecord inBatch.
             * @member {boolean} inBatch
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.inBatch = false;

            /**
             * EvidenceRecord batchItemIndex.
             * @member {number} batchItemIndex
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.batchItemIndex = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EvidenceRecord batchItemCount.
             * @member {number} batchItemCount
             * @memberof tianping.v1.EvidenceRecord
             * @instance
             */
            EvidenceRecord.prototype.batchItemCount = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new EvidenceRecord instance using the specified properties.
             * @function create
             * @memberof tianping.v1.EvidenceRecord
             * @static
             * @param {tianping.v1.EvidenceRecord.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.EvidenceRecord} EvidenceRecord instance
             * @type {{
             *   (properties: tianping.v1.EvidenceRecord.$Shape): tianping.v1.EvidenceRecord & tianping.v1.EvidenceRecord.$Shape;
             *   (properties?: tianping.v1.EvidenceRecord.$Properties): tianping.v1.EvidenceRecord;
             * }}
             */
            EvidenceRecord.create = function(properties) {
                return new EvidenceRecord(properties);
            };

            /**
             * Encodes the specified EvidenceRecord message. Does not implicitly {@link tianping.v1.EvidenceRecord.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.EvidenceRecord
             * @static
             * @param {tianping.v1.EvidenceRecord.$Properties} message EvidenceRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvidenceRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.algorithm != null && $Object.hasOwnProperty.call(message, "algorithm") && message.algorithm !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.algorithm);
                if (message.digest != null && $Object.hasOwnProperty.call(message, "digest") && message.digest.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.digest);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.category);
                if (message.submitter != null && $Object.hasOwnProperty.call(message, "submitter") && message.submitter.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.submitter);
                if (message.externalRef != null && $Object.hasOwnProperty.call(message, "externalRef") && message.externalRef !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.externalRef);
                if (message.metadataDigest != null && $Object.hasOwnProperty.call(message, "metadataDigest") && message.metadataDigest.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.metadataDigest);
                if (message.salted != null && $Object.hasOwnProperty.call(message, "salted") && message.salted !== false)
                    writer.uint32(/* id 7, wireType 0 =*/56).bool(message.salted);
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.height);
                if (message.timeMs != null && $Object.hasOwnProperty.call(message, "timeMs") && (typeof message.timeMs === "object" ? message.timeMs.low || message.timeMs.high : message.timeMs !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.timeMs);
                if (message.txHash != null && $Object.hasOwnProperty.call(message, "txHash") && message.txHash.length)
                    writer.uint32(/* id 10, wireType 2 =*/82).bytes(message.txHash);
                if (message.txIndex != null && $Object.hasOwnProperty.call(message, "txIndex") && message.txIndex !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.txIndex);
                if (message.inBatch != null && $Object.hasOwnProperty.call(message, "inBatch") && message.inBatch !== false)
                    writer.uint32(/* id 12, wireType 0 =*/96).bool(message.inBatch);
                if (message.batchItemIndex != null && $Object.hasOwnProperty.call(message, "batchItemIndex") && (typeof message.batchItemIndex === "object" ? message.batchItemIndex.low || message.batchItemIndex.high : message.batchItemIndex !== 0))
                    writer.uint32(/* id 13, wireType 0 =*/104).uint64(message.batchItemIndex);
                if (message.batchItemCount != null && $Object.hasOwnProperty.call(message, "batchItemCount") && (typeof message.batchItemCount === "object" ? message.batchItemCount.low || message.batchItemCount.high : message.batchItemCount !== 0))
                    writer.uint32(/* id 14, wireType 0 =*/112).uint64(message.batchItemCount);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an EvidenceRecord message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.EvidenceRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.EvidenceRecord & tianping.v1.EvidenceRecord.$Shape} EvidenceRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvidenceRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.EvidenceRecord();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.algorithm = value;
                            else
                                delete message.algorithm;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.digest = value;
                            else
                                delete message.digest;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.submitter = value;
                            else
                                delete message.submitter;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.externalRef = value;
                            else
                                delete message.externalRef;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.metadataDigest = value;
                            else
                                delete message.metadataDigest;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.salted = value;
                            else
                                delete message.salted;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.timeMs = value;
                            else
                                delete message.timeMs;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.txHash = value;
                            else
                                delete message.txHash;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.txIndex = value;
                            else
                                delete message.txIndex;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.inBatch = value;
                            else
                                delete message.inBatch;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.batchItemIndex = value;
                            else
                                delete message.batchItemIndex;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.batchItemCount = value;
                            else
                                delete message.batchItemCount;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for EvidenceRecord
             * @function getTypeUrl
             * @memberof tianping.v1.EvidenceRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EvidenceRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.EvidenceRecord";
            };

            return EvidenceRecord;
        })();

        v1.BatchItemRef = (function() {

            /**
             * Properties of a BatchItemRef.
             * @typedef {Object} tianping.v1.BatchItemRef.$Properties
             * @property {number|null} [height] BatchItemRef height
             * @property {number|null} [txIndex] BatchItemRef txIndex
             * @property {number|null} [itemIndex] BatchItemRef itemIndex
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BatchItemRef.
             * @memberof tianping.v1
             * @interface IBatchItemRef
             * @augments tianping.v1.BatchItemRef.$Properties
             * @deprecated Use tianping.v1.BatchItemRef.$Properties instead.
             */

            /**
             * Shape of a BatchItemRef.
             * @typedef {tianping.v1.BatchItemRef.$Properties} tianping.v1.BatchItemRef.$Shape
             */

            /**
             * Constructs a new BatchItemRef.
             * @memberof tianping.v1
             * @classdesc Represents a BatchItemRef.
             * @constructor
             * @param {tianping.v1.BatchItemRef.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BatchItemRef = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BatchItemRef height.
             * @member {number} height
             * @memberof tianping.v1.BatchItemRef
             * @instance
             */
            BatchItemRef.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BatchItemRef txIndex.
             * @member {number} txIndex
             * @memberof tianping.v1.BatchItemRef
             * @instance
             */
            BatchItemRef.prototype.txIndex = 0;

            /**
             * BatchItemRef itemIndex.
             * @member {number} itemIndex
             * @memberof tianping.v1.BatchItemRef
             * @instance
             */
            BatchItemRef.prototype.itemIndex = 0;

            /**
             * Creates a new BatchItemRef instance using the specified properties.
             * @function create
             * @memberof tianping.v1.BatchItemRef
             * @static
             * @param {tianping.v1.BatchItemRef.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.BatchItemRef} BatchItemRef instance
             * @type {{
             *   (properties: tianping.v1.BatchItemRef.$Shape): tianping.v1.BatchItemRef & tianping.v1.BatchItemRef.$Shape;
             *   (properties?: tianping.v1.BatchItemRef.$Properties): tianping.v1.BatchItemRef;
             * }}
             */
            BatchItemRef.create = function(properties) {
                return new BatchItemRef(properties);
            };

            /**
             * Encodes the specified BatchItemRef message. Does not implicitly {@link tianping.v1.BatchItemRef.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.BatchItemRef
             * @static
             * @param {tianping.v1.BatchItemRef.$Properties} message BatchItemRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BatchItemRef.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.height);
                if (message.txIndex != null && $Object.hasOwnProperty.call(message, "txIndex") && message.txIndex !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.txIndex);
                if (message.itemIndex != null && $Object.hasOwnProperty.call(message, "itemIndex") && message.itemIndex !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.itemIndex);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BatchItemRef message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.BatchItemRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.BatchItemRef & tianping.v1.BatchItemRef.$Shape} BatchItemRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BatchItemRef.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.BatchItemRef();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.txIndex = value;
                            else
                                delete message.txIndex;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.itemIndex = value;
                            else
                                delete message.itemIndex;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for BatchItemRef
             * @function getTypeUrl
             * @memberof tianping.v1.BatchItemRef
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BatchItemRef.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.BatchItemRef";
            };

            return BatchItemRef;
        })();

        v1.TxLocation = (function() {

            /**
             * Properties of a TxLocation.
             * @typedef {Object} tianping.v1.TxLocation.$Properties
             * @property {number|null} [height] TxLocation height
             * @property {number|null} [index] TxLocation index
             * @property {number|null} [resultCode] TxLocation resultCode
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TxLocation.
             * @memberof tianping.v1
             * @interface ITxLocation
             * @augments tianping.v1.TxLocation.$Properties
             * @deprecated Use tianping.v1.TxLocation.$Properties instead.
             */

            /**
             * Shape of a TxLocation.
             * @typedef {tianping.v1.TxLocation.$Properties} tianping.v1.TxLocation.$Shape
             */

            /**
             * Constructs a new TxLocation.
             * @memberof tianping.v1
             * @classdesc Represents a TxLocation.
             * @constructor
             * @param {tianping.v1.TxLocation.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TxLocation = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TxLocation height.
             * @member {number} height
             * @memberof tianping.v1.TxLocation
             * @instance
             */
            TxLocation.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * TxLocation index.
             * @member {number} index
             * @memberof tianping.v1.TxLocation
             * @instance
             */
            TxLocation.prototype.index = 0;

            /**
             * TxLocation resultCode.
             * @member {number} resultCode
             * @memberof tianping.v1.TxLocation
             * @instance
             */
            TxLocation.prototype.resultCode = 0;

            /**
             * Creates a new TxLocation instance using the specified properties.
             * @function create
             * @memberof tianping.v1.TxLocation
             * @static
             * @param {tianping.v1.TxLocation.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.TxLocation} TxLocation instance
             * @type {{
             *   (properties: tianping.v1.TxLocation.$Shape): tianping.v1.TxLocation & tianping.v1.TxLocation.$Shape;
             *   (properties?: tianping.v1.TxLocation.$Properties): tianping.v1.TxLocation;
             * }}
             */
            TxLocation.create = function(properties) {
                return new TxLocation(properties);
            };

            /**
             * Encodes the specified TxLocation message. Does not implicitly {@link tianping.v1.TxLocation.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.TxLocation
             * @static
             * @param {tianping.v1.TxLocation.$Properties} message TxLocation message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TxLocation.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.height);
                if (message.index != null && $Object.hasOwnProperty.call(message, "index") && message.index !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.index);
                if (message.resultCode != null && $Object.hasOwnProperty.call(message, "resultCode") && message.resultCode !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.resultCode);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TxLocation message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.TxLocation
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.TxLocation & tianping.v1.TxLocation.$Shape} TxLocation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TxLocation.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.TxLocation();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.index = value;
                            else
                                delete message.index;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.resultCode = value;
                            else
                                delete message.resultCode;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for TxLocation
             * @function getTypeUrl
             * @memberof tianping.v1.TxLocation
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TxLocation.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.TxLocation";
            };

            return TxLocation;
        })();

        v1.Header = (function() {

            /**
             * Properties of a Header.
             * @typedef {Object} tianping.v1.Header.$Properties
             * @property {string|null} [chainId] Header chainId
             * @property {number|null} [height] Header height
             * @property {number|null} [timeMs] Header timeMs
             * @property {Uint8Array|null} [prevBlockHash] Header prevBlockHash
             * @property {Uint8Array|null} [historyRoot] Header historyRoot
             * @property {Uint8Array|null} [txRoot] Header txRoot
             * @property {Uint8Array|null} [appHash] Header appHash
             * @property {Uint8Array|null} [resultsHash] Header resultsHash
             * @property {Uint8Array|null} [validatorsHash] Header validatorsHash
             * @property {Uint8Array|null} [nextValidatorsHash] Header nextValidatorsHash
             * @property {Uint8Array|null} [proposer] Header proposer
             * @property {number|null} [txCount] Header txCount
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Header.
             * @memberof tianping.v1
             * @interface IHeader
             * @augments tianping.v1.Header.$Properties
             * @deprecated Use tianping.v1.Header.$Properties instead.
             */

            /**
             * Shape of a Header.
             * @typedef {tianping.v1.Header.$Properties} tianping.v1.Header.$Shape
             */

            /**
             * Constructs a new Header.
             * @memberof tianping.v1
             * @classdesc Represents a Header.
             * @constructor
             * @param {tianping.v1.Header.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Header = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Header chainId.
             * @member {string} chainId
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.chainId = "";

            /**
             * Header height.
             * @member {number} height
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Header timeMs.
             * @member {number} timeMs
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Header prevBlockHash.
             * @member {Uint8Array} prevBlockHash
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.prevBlockHash = $util.newBuffer([]);

            /**
             * Header historyRoot.
             * @member {Uint8Array} historyRoot
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.historyRoot = $util.newBuffer([]);

            /**
             * Header txRoot.
             * @member {Uint8Array} txRoot
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.txRoot = $util.newBuffer([]);

            /**
             * Header appHash.
             * @member {Uint8Array} appHash
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.appHash = $util.newBuffer([]);

            /**
             * Header resultsHash.
             * @member {Uint8Array} resultsHash
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.resultsHash = $util.newBuffer([]);

            /**
             * Header validatorsHash.
             * @member {Uint8Array} validatorsHash
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.validatorsHash = $util.newBuffer([]);

            /**
             * Header nextValidatorsHash.
             * @member {Uint8Array} nextValidatorsHash
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.nextValidatorsHash = $util.newBuffer([]);

            /**
             * Header proposer.
             * @member {Uint8Array} proposer
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.proposer = $util.newBuffer([]);

            /**
             * Header txCount.
             * @member {number} txCount
             * @memberof tianping.v1.Header
             * @instance
             */
            Header.prototype.txCount = 0;

            /**
             * Creates a new Header instance using the specified properties.
             * @function create
             * @memberof tianping.v1.Header
             * @static
             * @param {tianping.v1.Header.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.Header} Header instance
             * @type {{
             *   (properties: tianping.v1.Header.$Shape): tianping.v1.Header & tianping.v1.Header.$Shape;
             *   (properties?: tianping.v1.Header.$Properties): tianping.v1.Header;
             * }}
             */
            Header.create = function(properties) {
                return new Header(properties);
            };

            /**
             * Encodes the specified Header message. Does not implicitly {@link tianping.v1.Header.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.Header
             * @static
             * @param {tianping.v1.Header.$Properties} message Header message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Header.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.chainId != null && $Object.hasOwnProperty.call(message, "chainId") && message.chainId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.chainId);
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.height);
                if (message.timeMs != null && $Object.hasOwnProperty.call(message, "timeMs") && (typeof message.timeMs === "object" ? message.timeMs.low || message.timeMs.high : message.timeMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.timeMs);
                if (message.prevBlockHash != null && $Object.hasOwnProperty.call(message, "prevBlockHash") && message.prevBlockHash.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.prevBlockHash);
                if (message.historyRoot != null && $Object.hasOwnProperty.call(message, "historyRoot") && message.historyRoot.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.historyRoot);
                if (message.txRoot != null && $Object.hasOwnProperty.call(message, "txRoot") && message.txRoot.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.txRoot);
                if (message.appHash != null && $Object.hasOwnProperty.call(message, "appHash") && message.appHash.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.appHash);
                if (message.resultsHash != null && $Object.hasOwnProperty.call(message, "resultsHash") && message.resultsHash.length)
                    writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.resultsHash);
                if (message.validatorsHash != null && $Object.hasOwnProperty.call(message, "validatorsHash") && message.validatorsHash.length)
                    writer.uint32(/* id 9, wireType 2 =*/74).bytes(message.validatorsHash);
                if (message.nextValidatorsHash != null && $Object.hasOwnProperty.call(message, "nextValidatorsHash") && message.nextValidatorsHash.length)
                    writer.uint32(/* id 10, wireType 2 =*/82).bytes(message.nextValidatorsHash);
                if (message.proposer != null && $Object.hasOwnProperty.call(message, "proposer") && message.proposer.length)
                    writer.uint32(/* id 11, wireType 2 =*/90).bytes(message.proposer);
                if (message.txCount != null && $Object.hasOwnProperty.call(message, "txCount") && message.txCount !== 0)
                    writer.uint32(/* id 12, wireType 0 =*/96).uint32(message.txCount);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Header message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.Header
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.Header & tianping.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Header.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.Header();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.chainId = value;
                            else
                                delete message.chainId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.timeMs = value;
                            else
                                delete message.timeMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.prevBlockHash = value;
                            else
                                delete message.prevBlockHash;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.historyRoot = value;
                            else
                                delete message.historyRoot;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.txRoot = value;
                            else
                                delete message.txRoot;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.appHash = value;
                            else
                                delete message.appHash;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.resultsHash = value;
                            else
                                delete message.resultsHash;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.validatorsHash = value;
                            else
                                delete message.validatorsHash;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nextValidatorsHash = value;
                            else
                                delete message.nextValidatorsHash;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.proposer = value;
                            else
                                delete message.proposer;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.txCount = value;
                            else
                                delete message.txCount;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Header
             * @function getTypeUrl
             * @memberof tianping.v1.Header
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Header.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.Header";
            };

            return Header;
        })();

        v1.Block = (function() {

            /**
             * Properties of a Block.
             * @typedef {Object} tianping.v1.Block.$Properties
             * @property {Uint8Array|null} [header] Block header
             * @property {Array.<Uint8Array>|null} [txs] Block txs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Block.
             * @memberof tianping.v1
             * @interface IBlock
             * @augments tianping.v1.Block.$Properties
             * @deprecated Use tianping.v1.Block.$Properties instead.
             */

            /**
             * Shape of a Block.
             * @typedef {tianping.v1.Block.$Properties} tianping.v1.Block.$Shape
             */

            /**
             * Constructs a new Block.
             * @memberof tianping.v1
             * @classdesc Represents a Block.
             * @constructor
             * @param {tianping.v1.Block.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Block = function (properties) {
                this.txs = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Block header.
             * @member {Uint8Array} header
             * @memberof tianping.v1.Block
             * @instance
             */
            Block.prototype.header = $util.newBuffer([]);

            /**
             * Block txs.
             * @member {Array.<Uint8Array>} txs
             * @memberof tianping.v1.Block
             * @instance
             */
            Block.prototype.txs = $util.emptyArray;

            /**
             * Creates a new Block instance using the specified properties.
             * @function create
             * @memberof tianping.v1.Block
             * @static
             * @param {tianping.v1.Block.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.Block} Block instance
             * @type {{
             *   (properties: tianping.v1.Block.$Shape): tianping.v1.Block & tianping.v1.Block.$Shape;
             *   (properties?: tianping.v1.Block.$Properties): tianping.v1.Block;
             * }}
             */
            Block.create = function(properties) {
                return new Block(properties);
            };

            /**
             * Encodes the specified Block message. Does not implicitly {@link tianping.v1.Block.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.Block
             * @static
             * @param {tianping.v1.Block.$Properties} message Block message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Block.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.header != null && $Object.hasOwnProperty.call(message, "header") && message.header.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.header);
                if (message.txs != null && message.txs.length)
                    for (let i = 0; i < message.txs.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.txs[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Block message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.Block
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.Block & tianping.v1.Block.$Shape} Block
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Block.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.Block();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.header = value;
                            else
                                delete message.header;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.txs && message.txs.length))
                                message.txs = [];
                            message.txs.push(reader.bytes());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Block
             * @function getTypeUrl
             * @memberof tianping.v1.Block
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Block.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.Block";
            };

            return Block;
        })();

        /**
         * VoteType enum.
         * @name tianping.v1.VoteType
         * @enum {number}
         * @property {number} VOTE_TYPE_UNSPECIFIED=0 VOTE_TYPE_UNSPECIFIED value
         * @property {number} VOTE_TYPE_PREVOTE=1 VOTE_TYPE_PREVOTE value
         * @property {number} VOTE_TYPE_PRECOMMIT=2 VOTE_TYPE_PRECOMMIT value
         */
        v1.VoteType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "VOTE_TYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "VOTE_TYPE_PREVOTE"] = 1;
            values[valuesById[2] = "VOTE_TYPE_PRECOMMIT"] = 2;
            return values;
        })();

        v1.Vote = (function() {

            /**
             * Properties of a Vote.
             * @typedef {Object} tianping.v1.Vote.$Properties
             * @property {tianping.v1.VoteType|null} [type] Vote type
             * @property {number|null} [height] Vote height
             * @property {number|null} [round] Vote round
             * @property {Uint8Array|null} [blockHash] Vote blockHash
             * @property {number|null} [validatorIndex] Vote validatorIndex
             * @property {Uint8Array|null} [signature] Vote signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Vote.
             * @memberof tianping.v1
             * @interface IVote
             * @augments tianping.v1.Vote.$Properties
             * @deprecated Use tianping.v1.Vote.$Properties instead.
             */

            /**
             * Shape of a Vote.
             * @typedef {tianping.v1.Vote.$Properties} tianping.v1.Vote.$Shape
             */

            /**
             * Constructs a new Vote.
             * @memberof tianping.v1
             * @classdesc Represents a Vote.
             * @constructor
             * @param {tianping.v1.Vote.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Vote = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Vote type.
             * @member {tianping.v1.VoteType} type
             * @memberof tianping.v1.Vote
             * @instance
             */
            Vote.prototype.type = 0;

            /**
             * Vote height.
             * @member {number} height
             * @memberof tianping.v1.Vote
             * @instance
             */
            Vote.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Vote round.
             * @member {number} round
             * @memberof tianping.v1.Vote
             * @instance
             */
            Vote.prototype.round = 0;

            /**
             * Vote blockHash.
             * @member {Uint8Array} blockHash
             * @memberof tianping.v1.Vote
             * @instance
             */
            Vote.prototype.blockHash = $util.newBuffer([]);

            /**
             * Vote validatorIndex.
             * @member {number} validatorIndex
             * @memberof tianping.v1.Vote
             * @instance
             */
            Vote.prototype.validatorIndex = 0;

            /**
             * Vote signature.
             * @member {Uint8Array} signature
             * @memberof tianping.v1.Vote
             * @instance
             */
            Vote.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new Vote instance using the specified properties.
             * @function create
             * @memberof tianping.v1.Vote
             * @static
             * @param {tianping.v1.Vote.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.Vote} Vote instance
             * @type {{
             *   (properties: tianping.v1.Vote.$Shape): tianping.v1.Vote & tianping.v1.Vote.$Shape;
             *   (properties?: tianping.v1.Vote.$Properties): tianping.v1.Vote;
             * }}
             */
            Vote.create = function(properties) {
                return new Vote(properties);
            };

            /**
             * Encodes the specified Vote message. Does not implicitly {@link tianping.v1.Vote.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.Vote
             * @static
             * @param {tianping.v1.Vote.$Properties} message Vote message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Vote.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.height);
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.round);
                if (message.blockHash != null && $Object.hasOwnProperty.call(message, "blockHash") && message.blockHash.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.blockHash);
                if (message.validatorIndex != null && $Object.hasOwnProperty.call(message, "validatorIndex") && message.validatorIndex !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.validatorIndex);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Vote message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.Vote
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.Vote & tianping.v1.Vote.$Shape} Vote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Vote.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.Vote();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.blockHash = value;
                            else
                                delete message.blockHash;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.validatorIndex = value;
                            else
                                delete message.validatorIndex;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Vote
             * @function getTypeUrl
             * @memberof tianping.v1.Vote
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Vote.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.Vote";
            };

            return Vote;
        })();

        v1.Proposal = (function() {

            /**
             * Properties of a Proposal.
             * @typedef {Object} tianping.v1.Proposal.$Properties
             * @property {number|null} [height] Proposal height
             * @property {number|null} [round] Proposal round
             * @property {number|null} [validRound] Proposal validRound
             * @property {Uint8Array|null} [block] Proposal block
             * @property {number|null} [proposerIndex] Proposal proposerIndex
             * @property {Uint8Array|null} [signature] Proposal signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Proposal.
             * @memberof tianping.v1
             * @interface IProposal
             * @augments tianping.v1.Proposal.$Properties
             * @deprecated Use tianping.v1.Proposal.$Properties instead.
             */

            /**
             * Shape of a Proposal.
             * @typedef {tianping.v1.Proposal.$Properties} tianping.v1.Proposal.$Shape
             */

            /**
             * Constructs a new Proposal.
             * @memberof tianping.v1
             * @classdesc Represents a Proposal.
             * @constructor
             * @param {tianping.v1.Proposal.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Proposal = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Proposal height.
             * @member {number} height
             * @memberof tianping.v1.Proposal
             * @instance
             */
            Proposal.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Proposal round.
             * @member {number} round
             * @memberof tianping.v1.Proposal
             * @instance
             */
            Proposal.prototype.round = 0;

            /**
             * Proposal validRound.
             * @member {number} validRound
             * @memberof tianping.v1.Proposal
             * @instance
             */
            Proposal.prototype.validRound = 0;

            /**
             * Proposal block.
             * @member {Uint8Array} block
             * @memberof tianping.v1.Proposal
             * @instance
             */
            Proposal.prototype.block = $util.newBuffer([]);

            /**
             * Proposal proposerIndex.
             * @member {number} proposerIndex
             * @memberof tianping.v1.Proposal
             * @instance
             */
            Proposal.prototype.proposerIndex = 0;

            /**
             * Proposal signature.
             * @member {Uint8Array} signature
             * @memberof tianping.v1.Proposal
             * @instance
             */
            Proposal.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new Proposal instance using the specified properties.
             * @function create
             * @memberof tianping.v1.Proposal
             * @static
             * @param {tianping.v1.Proposal.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.Proposal} Proposal instance
             * @type {{
             *   (properties: tianping.v1.Proposal.$Shape): tianping.v1.Proposal & tianping.v1.Proposal.$Shape;
             *   (properties?: tianping.v1.Proposal.$Properties): tianping.v1.Proposal;
             * }}
             */
            Proposal.create = function(properties) {
                return new Proposal(properties);
            };

            /**
             * Encodes the specified Proposal message. Does not implicitly {@link tianping.v1.Proposal.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.Proposal
             * @static
             * @param {tianping.v1.Proposal.$Properties} message Proposal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Proposal.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.height);
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.round);
                if (message.validRound != null && $Object.hasOwnProperty.call(message, "validRound") && message.validRound !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.validRound);
                if (message.block != null && $Object.hasOwnProperty.call(message, "block") && message.block.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.block);
                if (message.proposerIndex != null && $Object.hasOwnProperty.call(message, "proposerIndex") && message.proposerIndex !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.proposerIndex);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Proposal message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.Proposal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.Proposal & tianping.v1.Proposal.$Shape} Proposal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Proposal.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.Proposal();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.validRound = value;
                            else
                                delete message.validRound;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.block = value;
                            else
                                delete message.block;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.proposerIndex = value;
                            else
                                delete message.proposerIndex;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Proposal
             * @function getTypeUrl
             * @memberof tianping.v1.Proposal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Proposal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.Proposal";
            };

            return Proposal;
        })();

        v1.CommitSig = (function() {

            /**
             * Properties of a CommitSig.
             * @typedef {Object} tianping.v1.CommitSig.$Properties
             * @property {number|null} [validatorIndex] CommitSig validatorIndex
             * @property {Uint8Array|null} [signature] CommitSig signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CommitSig.
             * @memberof tianping.v1
             * @interface ICommitSig
             * @augments tianping.v1.CommitSig.$Properties
             * @deprecated Use tianping.v1.CommitSig.$Properties instead.
             */

            /**
             * Shape of a CommitSig.
             * @typedef {tianping.v1.CommitSig.$Properties} tianping.v1.CommitSig.$Shape
             */

            /**
             * Constructs a new CommitSig.
             * @memberof tianping.v1
             * @classdesc Represents a CommitSig.
             * @constructor
             * @param {tianping.v1.CommitSig.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CommitSig = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CommitSig validatorIndex.
             * @member {number} validatorIndex
             * @memberof tianping.v1.CommitSig
             * @instance
             */
            CommitSig.prototype.validatorIndex = 0;

            /**
             * CommitSig signature.
             * @member {Uint8Array} signature
             * @memberof tianping.v1.CommitSig
             * @instance
             */
            CommitSig.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new CommitSig instance using the specified properties.
             * @function create
             * @memberof tianping.v1.CommitSig
             * @static
             * @param {tianping.v1.CommitSig.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.CommitSig} CommitSig instance
             * @type {{
             *   (properties: tianping.v1.CommitSig.$Shape): tianping.v1.CommitSig & tianping.v1.CommitSig.$Shape;
             *   (properties?: tianping.v1.CommitSig.$Properties): tianping.v1.CommitSig;
             * }}
             */
            CommitSig.create = function(properties) {
                return new CommitSig(properties);
            };

            /**
             * Encodes the specified CommitSig message. Does not implicitly {@link tianping.v1.CommitSig.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.CommitSig
             * @static
             * @param {tianping.v1.CommitSig.$Properties} message CommitSig message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommitSig.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.validatorIndex != null && $Object.hasOwnProperty.call(message, "validatorIndex") && message.validatorIndex !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.validatorIndex);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CommitSig message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.CommitSig
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.CommitSig & tianping.v1.CommitSig.$Shape} CommitSig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommitSig.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.CommitSig();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.validatorIndex = value;
                            else
                                delete message.validatorIndex;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for CommitSig
             * @function getTypeUrl
             * @memberof tianping.v1.CommitSig
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CommitSig.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.CommitSig";
            };

            return CommitSig;
        })();

        v1.Commit = (function() {

            /**
             * Properties of a Commit.
             * @typedef {Object} tianping.v1.Commit.$Properties
             * @property {number|null} [height] Commit height
             * @property {number|null} [round] Commit round
             * @property {Uint8Array|null} [blockHash] Commit blockHash
             * @property {Array.<tianping.v1.CommitSig.$Properties>|null} [signatures] Commit signatures
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Commit.
             * @memberof tianping.v1
             * @interface ICommit
             * @augments tianping.v1.Commit.$Properties
             * @deprecated Use tianping.v1.Commit.$Properties instead.
             */

            /**
             * Shape of a Commit.
             * @typedef {tianping.v1.Commit.$Properties} tianping.v1.Commit.$Shape
             */

            /**
             * Constructs a new Commit.
             * @memberof tianping.v1
             * @classdesc Represents a Commit.
             * @constructor
             * @param {tianping.v1.Commit.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Commit = function (properties) {
                this.signatures = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Commit height.
             * @member {number} height
             * @memberof tianping.v1.Commit
             * @instance
             */
            Commit.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Commit round.
             * @member {number} round
             * @memberof tianping.v1.Commit
             * @instance
             */
            Commit.prototype.round = 0;

            /**
             * Commit blockHash.
             * @member {Uint8Array} blockHash
             * @memberof tianping.v1.Commit
             * @instance
             */
            Commit.prototype.blockHash = $util.newBuffer([]);

            /**
             * Commit signatures.
             * @member {Array.<tianping.v1.CommitSig.$Properties>} signatures
             * @memberof tianping.v1.Commit
             * @instance
             */
            Commit.prototype.signatures = $util.emptyArray;

            /**
             * Creates a new Commit instance using the specified properties.
             * @function create
             * @memberof tianping.v1.Commit
             * @static
             * @param {tianping.v1.Commit.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.Commit} Commit instance
             * @type {{
             *   (properties: tianping.v1.Commit.$Shape): tianping.v1.Commit & tianping.v1.Commit.$Shape;
             *   (properties?: tianping.v1.Commit.$Properties): tianping.v1.Commit;
             * }}
             */
            Commit.create = function(properties) {
                return new Commit(properties);
            };

            /**
             * Encodes the specified Commit message. Does not implicitly {@link tianping.v1.Commit.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.Commit
             * @static
             * @param {tianping.v1.Commit.$Properties} message Commit message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Commit.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.height);
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.round);
                if (message.blockHash != null && $Object.hasOwnProperty.call(message, "blockHash") && message.blockHash.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.blockHash);
                if (message.signatures != null && message.signatures.length)
                    for (let i = 0; i < message.signatures.length; ++i)
                        $root.tianping.v1.CommitSig.encode(message.signatures[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Commit message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.Commit
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.Commit & tianping.v1.Commit.$Shape} Commit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Commit.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.Commit();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.blockHash = value;
                            else
                                delete message.blockHash;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.signatures && message.signatures.length))
                                message.signatures = [];
                            message.signatures.push($root.tianping.v1.CommitSig.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Commit
             * @function getTypeUrl
             * @memberof tianping.v1.Commit
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Commit.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.Commit";
            };

            return Commit;
        })();

        v1.Validator = (function() {

            /**
             * Properties of a Validator.
             * @typedef {Object} tianping.v1.Validator.$Properties
             * @property {Uint8Array|null} [publicKey] Validator publicKey
             * @property {number|null} [power] Validator power
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Validator.
             * @memberof tianping.v1
             * @interface IValidator
             * @augments tianping.v1.Validator.$Properties
             * @deprecated Use tianping.v1.Validator.$Properties instead.
             */

            /**
             * Shape of a Validator.
             * @typedef {tianping.v1.Validator.$Properties} tianping.v1.Validator.$Shape
             */

            /**
             * Constructs a new Validator.
             * @memberof tianping.v1
             * @classdesc Represents a Validator.
             * @constructor
             * @param {tianping.v1.Validator.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Validator = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Validator publicKey.
             * @member {Uint8Array} publicKey
             * @memberof tianping.v1.Validator
             * @instance
             */
            Validator.prototype.publicKey = $util.newBuffer([]);

            /**
             * Validator power.
             * @member {number} power
             * @memberof tianping.v1.Validator
             * @instance
             */
            Validator.prototype.power = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Validator instance using the specified properties.
             * @function create
             * @memberof tianping.v1.Validator
             * @static
             * @param {tianping.v1.Validator.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.Validator} Validator instance
             * @type {{
             *   (properties: tianping.v1.Validator.$Shape): tianping.v1.Validator & tianping.v1.Validator.$Shape;
             *   (properties?: tianping.v1.Validator.$Properties): tianping.v1.Validator;
             * }}
             */
            Validator.create = function(properties) {
                return new Validator(properties);
            };

            /**
             * Encodes the specified Validator message. Does not implicitly {@link tianping.v1.Validator.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.Validator
             * @static
             * @param {tianping.v1.Validator.$Properties} message Validator message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Validator.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.publicKey != null && $Object.hasOwnProperty.call(message, "publicKey") && message.publicKey.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.publicKey);
                if (message.power != null && $Object.hasOwnProperty.call(message, "power") && (typeof message.power === "object" ? message.power.low || message.power.high : message.power !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.power);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Validator message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.Validator
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.Validator & tianping.v1.Validator.$Shape} Validator
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Validator.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.Validator();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.publicKey = value;
                            else
                                delete message.publicKey;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.power = value;
                            else
                                delete message.power;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Validator
             * @function getTypeUrl
             * @memberof tianping.v1.Validator
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Validator.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.Validator";
            };

            return Validator;
        })();

        v1.ValidatorSet = (function() {

            /**
             * Properties of a ValidatorSet.
             * @typedef {Object} tianping.v1.ValidatorSet.$Properties
             * @property {Array.<tianping.v1.Validator.$Properties>|null} [validators] ValidatorSet validators
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ValidatorSet.
             * @memberof tianping.v1
             * @interface IValidatorSet
             * @augments tianping.v1.ValidatorSet.$Properties
             * @deprecated Use tianping.v1.ValidatorSet.$Properties instead.
             */

            /**
             * Shape of a ValidatorSet.
             * @typedef {tianping.v1.ValidatorSet.$Properties} tianping.v1.ValidatorSet.$Shape
             */

            /**
             * Constructs a new ValidatorSet.
             * @memberof tianping.v1
             * @classdesc Represents a ValidatorSet.
             * @constructor
             * @param {tianping.v1.ValidatorSet.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ValidatorSet = function (properties) {
                this.validators = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ValidatorSet validators.
             * @member {Array.<tianping.v1.Validator.$Properties>} validators
             * @memberof tianping.v1.ValidatorSet
             * @instance
             */
            ValidatorSet.prototype.validators = $util.emptyArray;

            /**
             * Creates a new ValidatorSet instance using the specified properties.
             * @function create
             * @memberof tianping.v1.ValidatorSet
             * @static
             * @param {tianping.v1.ValidatorSet.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.ValidatorSet} ValidatorSet instance
             * @type {{
             *   (properties: tianping.v1.ValidatorSet.$Shape): tianping.v1.ValidatorSet & tianping.v1.ValidatorSet.$Shape;
             *   (properties?: tianping.v1.ValidatorSet.$Properties): tianping.v1.ValidatorSet;
             * }}
             */
            ValidatorSet.create = function(properties) {
                return new ValidatorSet(properties);
            };

            /**
             * Encodes the specified ValidatorSet message. Does not implicitly {@link tianping.v1.ValidatorSet.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.ValidatorSet
             * @static
             * @param {tianping.v1.ValidatorSet.$Properties} message ValidatorSet message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ValidatorSet.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.validators != null && message.validators.length)
                    for (let i = 0; i < message.validators.length; ++i)
                        $root.tianping.v1.Validator.encode(message.validators[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ValidatorSet message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.ValidatorSet
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.ValidatorSet & tianping.v1.ValidatorSet.$Shape} ValidatorSet
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ValidatorSet.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.ValidatorSet();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.validators && message.validators.length))
                                message.validators = [];
                            message.validators.push($root.tianping.v1.Validator.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ValidatorSet
             * @function getTypeUrl
             * @memberof tianping.v1.ValidatorSet
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ValidatorSet.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.ValidatorSet";
            };

            return ValidatorSet;
        })();

        v1.ProposalRecord = (function() {

            /**
             * Properties of a ProposalRecord.
             * @typedef {Object} tianping.v1.ProposalRecord.$Properties
             * @property {Uint8Array|null} [id] ProposalRecord id
             * @property {string|null} [kind] ProposalRecord kind
             * @property {Uint8Array|null} [subject] ProposalRecord subject
             * @property {Uint8Array|null} [opener] ProposalRecord opener
             * @property {number|null} [openedHeight] ProposalRecord openedHeight
             * @property {number|null} [expiresAtMs] ProposalRecord expiresAtMs
             * @property {string|null} [status] ProposalRecord status
             * @property {number|null} [decidedHeight] ProposalRecord decidedHeight
             * @property {Array.<Uint8Array>|null} [approvals] ProposalRecord approvals
             * @property {Array.<Uint8Array>|null} [rejections] ProposalRecord rejections
             * @property {Uint8Array|null} [payload] ProposalRecord payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ProposalRecord.
             * @memberof tianping.v1
             * @interface IProposalRecord
             * @augments tianping.v1.ProposalRecord.$Properties
             * @deprecated Use tianping.v1.ProposalRecord.$Properties instead.
             */

            /**
             * Shape of a ProposalRecord.
             * @typedef {tianping.v1.ProposalRecord.$Properties} tianping.v1.ProposalRecord.$Shape
             */

            /**
             * Constructs a new ProposalRecord.
             * @memberof tianping.v1
             * @classdesc Represents a ProposalRecord.
             * @constructor
             * @param {tianping.v1.ProposalRecord.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ProposalRecord = function (properties) {
                this.approvals = [];
                this.rejections = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ProposalRecord id.
             * @member {Uint8Array} id
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.id = $util.newBuffer([]);

            /**
             * ProposalRecord kind.
             * @member {string} kind
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.kind = "";

            /**
             * ProposalRecord subject.
             * @member {Uint8Array} subject
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.subject = $util.newBuffer([]);

            /**
             * ProposalRecord opener.
             * @member {Uint8Array} opener
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.opener = $util.newBuffer([]);

            /**
             * ProposalRecord openedHeight.
             * @member {number} openedHeight
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.openedHeight = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ProposalRecord expiresAtMs.
             * @member {number} expiresAtMs
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ProposalRecord status.
             * @member {string} status
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.status = "";

            /**
             * ProposalRecord decidedHeight.
             * @member {number} decidedHeight
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.decidedHeight = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ProposalRecord approvals.
             * @member {Array.<Uint8Array>} approvals
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.approvals = $util.emptyArray;

            /**
             * ProposalRecord rejections.
             * @member {Array.<Uint8Array>} rejections
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.rejections = $util.emptyArray;

            /**
             * ProposalRecord payload.
             * @member {Uint8Array} payload
             * @memberof tianping.v1.ProposalRecord
             * @instance
             */
            ProposalRecord.prototype.payload = $util.newBuffer([]);

            /**
             * Creates a new ProposalRecord instance using the specified properties.
             * @function create
             * @memberof tianping.v1.ProposalRecord
             * @static
             * @param {tianping.v1.ProposalRecord.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.ProposalRecord} ProposalRecord instance
             * @type {{
             *   (properties: tianping.v1.ProposalRecord.$Shape): tianping.v1.ProposalRecord & tianping.v1.ProposalRecord.$Shape;
             *   (properties?: tianping.v1.ProposalRecord.$Properties): tianping.v1.ProposalRecord;
             * }}
             */
            ProposalRecord.create = function(properties) {
                return new ProposalRecord(properties);
            };

            /**
             * Encodes the specified ProposalRecord message. Does not implicitly {@link tianping.v1.ProposalRecord.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.ProposalRecord
             * @static
             * @param {tianping.v1.ProposalRecord.$Properties} message ProposalRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ProposalRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.id);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.kind);
                if (message.subject != null && $Object.hasOwnProperty.call(message, "subject") && message.subject.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.subject);
                if (message.opener != null && $Object.hasOwnProperty.call(message, "opener") && message.opener.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.opener);
                if (message.openedHeight != null && $Object.hasOwnProperty.call(message, "openedHeight") && (typeof message.openedHeight === "object" ? message.openedHeight.low || message.openedHeight.high : message.openedHeight !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.openedHeight);
                if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs") && (typeof message.expiresAtMs === "object" ? message.expiresAtMs.low || message.expiresAtMs.high : message.expiresAtMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.expiresAtMs);
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.status);
                if (message.decidedHeight != null && $Object.hasOwnProperty.call(message, "decidedHeight") && (typeof message.decidedHeight === "object" ? message.decidedHeight.low || message.decidedHeight.high : message.decidedHeight !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.decidedHeight);
                if (message.approvals != null && message.approvals.length)
                    for (let i = 0; i < message.approvals.length; ++i)
                        writer.uint32(/* id 9, wireType 2 =*/74).bytes(message.approvals[i]);
                if (message.rejections != null && message.rejections.length)
                    for (let i = 0; i < message.rejections.length; ++i)
                        writer.uint32(/* id 10, wireType 2 =*/82).bytes(message.rejections[i]);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 11, wireType 2 =*/90).bytes(message.payload);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ProposalRecord message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.ProposalRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.ProposalRecord & tianping.v1.ProposalRecord.$Shape} ProposalRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ProposalRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.ProposalRecord();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.subject = value;
                            else
                                delete message.subject;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.opener = value;
                            else
                                delete message.opener;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.openedHeight = value;
                            else
                                delete message.openedHeight;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.expiresAtMs = value;
                            else
                                delete message.expiresAtMs;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.decidedHeight = value;
                            else
                                delete message.decidedHeight;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if (!(message.approvals && message.approvals.length))
                                message.approvals = [];
                            message.approvals.push(reader.bytes());
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if (!(message.rejections && message.rejections.length))
                                message.rejections = [];
                            message.rejections.push(reader.bytes());
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ProposalRecord
             * @function getTypeUrl
             * @memberof tianping.v1.ProposalRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ProposalRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.ProposalRecord";
            };

            return ProposalRecord;
        })();

        v1.SignedRecord = (function() {

            /**
             * Properties of a SignedRecord.
             * @typedef {Object} tianping.v1.SignedRecord.$Properties
             * @property {number|null} [height] SignedRecord height
             * @property {number|null} [round] SignedRecord round
             * @property {number|null} [signStep] SignedRecord signStep
             * @property {Uint8Array|null} [signBytes] SignedRecord signBytes
             * @property {Uint8Array|null} [signature] SignedRecord signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SignedRecord.
             * @memberof tianping.v1
             * @interface ISignedRecord
             * @augments tianping.v1.SignedRecord.$Properties
             * @deprecated Use tianping.v1.SignedRecord.$Properties instead.
             */

            /**
             * Shape of a SignedRecord.
             * @typedef {tianping.v1.SignedRecord.$Properties} tianping.v1.SignedRecord.$Shape
             */

            /**
             * Constructs a new SignedRecord.
             * @memberof tianping.v1
             * @classdesc Represents a SignedRecord.
             * @constructor
             * @param {tianping.v1.SignedRecord.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SignedRecord = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SignedRecord height.
             * @member {number} height
             * @memberof tianping.v1.SignedRecord
             * @instance
             */
            SignedRecord.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SignedRecord round.
             * @member {number} round
             * @memberof tianping.v1.SignedRecord
             * @instance
             */
            SignedRecord.prototype.round = 0;

            /**
             * SignedRecord signStep.
             * @member {number} signStep
             * @memberof tianping.v1.SignedRecord
             * @instance
             */
            SignedRecord.prototype.signStep = 0;

            /**
             * SignedRecord signBytes.
             * @member {Uint8Array} signBytes
             * @memberof tianping.v1.SignedRecord
             * @instance
             */
            SignedRecord.prototype.signBytes = $util.newBuffer([]);

            /**
             * SignedRecord signature.
             * @member {Uint8Array} signature
             * @memberof tianping.v1.SignedRecord
             * @instance
             */
            SignedRecord.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new SignedRecord instance using the specified properties.
             * @function create
             * @memberof tianping.v1.SignedRecord
             * @static
             * @param {tianping.v1.SignedRecord.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.SignedRecord} SignedRecord instance
             * @type {{
             *   (properties: tianping.v1.SignedRecord.$Shape): tianping.v1.SignedRecord & tianping.v1.SignedRecord.$Shape;
             *   (properties?: tianping.v1.SignedRecord.$Properties): tianping.v1.SignedRecord;
             * }}
             */
            SignedRecord.create = function(properties) {
                return new SignedRecord(properties);
            };

            /**
             * Encodes the specified SignedRecord message. Does not implicitly {@link tianping.v1.SignedRecord.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.SignedRecord
             * @static
             * @param {tianping.v1.SignedRecord.$Properties} message SignedRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SignedRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.height);
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.round);
                if (message.signStep != null && $Object.hasOwnProperty.call(message, "signStep") && message.signStep !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.signStep);
                if (message.signBytes != null && $Object.hasOwnProperty.call(message, "signBytes") && message.signBytes.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.signBytes);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SignedRecord message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.SignedRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.SignedRecord & tianping.v1.SignedRecord.$Shape} SignedRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SignedRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.SignedRecord();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.signStep = value;
                            else
                                delete message.signStep;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signBytes = value;
                            else
                                delete message.signBytes;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for SignedRecord
             * @function getTypeUrl
             * @memberof tianping.v1.SignedRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SignedRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.SignedRecord";
            };

            return SignedRecord;
        })();

        v1.RoundBlock = (function() {

            /**
             * Properties of a RoundBlock.
             * @typedef {Object} tianping.v1.RoundBlock.$Properties
             * @property {number|null} [round] RoundBlock round
             * @property {Uint8Array|null} [block] RoundBlock block
             * @property {Uint8Array|null} [blockHash] RoundBlock blockHash
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RoundBlock.
             * @memberof tianping.v1
             * @interface IRoundBlock
             * @augments tianping.v1.RoundBlock.$Properties
             * @deprecated Use tianping.v1.RoundBlock.$Properties instead.
             */

            /**
             * Shape of a RoundBlock.
             * @typedef {tianping.v1.RoundBlock.$Properties} tianping.v1.RoundBlock.$Shape
             */

            /**
             * Constructs a new RoundBlock.
             * @memberof tianping.v1
             * @classdesc Represents a RoundBlock.
             * @constructor
             * @param {tianping.v1.RoundBlock.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RoundBlock = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RoundBlock round.
             * @member {number} round
             * @memberof tianping.v1.RoundBlock
             * @instance
             */
            RoundBlock.prototype.round = 0;

            /**
             * RoundBlock block.
             * @member {Uint8Array} block
             * @memberof tianping.v1.RoundBlock
             * @instance
             */
            RoundBlock.prototype.block = $util.newBuffer([]);

            /**
             * RoundBlock blockHash.
             * @member {Uint8Array} blockHash
             * @memberof tianping.v1.RoundBlock
             * @instance
             */
            RoundBlock.prototype.blockHash = $util.newBuffer([]);

            /**
             * Creates a new RoundBlock instance using the specified properties.
             * @function create
             * @memberof tianping.v1.RoundBlock
             * @static
             * @param {tianping.v1.RoundBlock.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.RoundBlock} RoundBlock instance
             * @type {{
             *   (properties: tianping.v1.RoundBlock.$Shape): tianping.v1.RoundBlock & tianping.v1.RoundBlock.$Shape;
             *   (properties?: tianping.v1.RoundBlock.$Properties): tianping.v1.RoundBlock;
             * }}
             */
            RoundBlock.create = function(properties) {
                return new RoundBlock(properties);
            };

            /**
             * Encodes the specified RoundBlock message. Does not implicitly {@link tianping.v1.RoundBlock.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.RoundBlock
             * @static
             * @param {tianping.v1.RoundBlock.$Properties} message RoundBlock message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RoundBlock.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.round);
                if (message.block != null && $Object.hasOwnProperty.call(message, "block") && message.block.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.block);
                if (message.blockHash != null && $Object.hasOwnProperty.call(message, "blockHash") && message.blockHash.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.blockHash);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a RoundBlock message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.RoundBlock
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.RoundBlock & tianping.v1.RoundBlock.$Shape} RoundBlock
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RoundBlock.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.RoundBlock();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.block = value;
                            else
                                delete message.block;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.blockHash = value;
                            else
                                delete message.blockHash;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for RoundBlock
             * @function getTypeUrl
             * @memberof tianping.v1.RoundBlock
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RoundBlock.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.RoundBlock";
            };

            return RoundBlock;
        })();

        v1.WalProposal = (function() {

            /**
             * Properties of a WalProposal.
             * @typedef {Object} tianping.v1.WalProposal.$Properties
             * @property {number|null} [round] WalProposal round
             * @property {number|null} [validRound] WalProposal validRound
             * @property {Uint8Array|null} [blockHash] WalProposal blockHash
             * @property {number|null} [proposerIndex] WalProposal proposerIndex
             * @property {Uint8Array|null} [signature] WalProposal signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WalProposal.
             * @memberof tianping.v1
             * @interface IWalProposal
             * @augments tianping.v1.WalProposal.$Properties
             * @deprecated Use tianping.v1.WalProposal.$Properties instead.
             */

            /**
             * Shape of a WalProposal.
             * @typedef {tianping.v1.WalProposal.$Properties} tianping.v1.WalProposal.$Shape
             */

            /**
             * Constructs a new WalProposal.
             * @memberof tianping.v1
             * @classdesc Represents a WalProposal.
             * @constructor
             * @param {tianping.v1.WalProposal.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const WalProposal = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * WalProposal round.
             * @member {number} round
             * @memberof tianping.v1.WalProposal
             * @instance
             */
            WalProposal.prototype.round = 0;

            /**
             * WalProposal validRound.
             * @member {number} validRound
             * @memberof tianping.v1.WalProposal
             * @instance
             */
            WalProposal.prototype.validRound = 0;

            /**
             * WalProposal blockHash.
             * @member {Uint8Array} blockHash
             * @memberof tianping.v1.WalProposal
             * @instance
             */
            WalProposal.prototype.blockHash = $util.newBuffer([]);

            /**
             * WalProposal proposerIndex.
             * @member {number} proposerIndex
             * @memberof tianping.v1.WalProposal
             * @instance
             */
            WalProposal.prototype.proposerIndex = 0;

            /**
             * WalProposal signature.
             * @member {Uint8Array} signature
             * @memberof tianping.v1.WalProposal
             * @instance
             */
            WalProposal.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new WalProposal instance using the specified properties.
             * @function create
             * @memberof tianping.v1.WalProposal
             * @static
             * @param {tianping.v1.WalProposal.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.WalProposal} WalProposal instance
             * @type {{
             *   (properties: tianping.v1.WalProposal.$Shape): tianping.v1.WalProposal & tianping.v1.WalProposal.$Shape;
             *   (properties?: tianping.v1.WalProposal.$Properties): tianping.v1.WalProposal;
             * }}
             */
            WalProposal.create = function(properties) {
                return new WalProposal(properties);
            };

            /**
             * Encodes the specified WalProposal message. Does not implicitly {@link tianping.v1.WalProposal.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.WalProposal
             * @static
             * @param {tianping.v1.WalProposal.$Properties} message WalProposal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WalProposal.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.round);
                if (message.validRound != null && $Object.hasOwnProperty.call(message, "validRound") && message.validRound !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.validRound);
                if (message.blockHash != null && $Object.hasOwnProperty.call(message, "blockHash") && message.blockHash.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.blockHash);
                if (message.proposerIndex != null && $Object.hasOwnProperty.call(message, "proposerIndex") && message.proposerIndex !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.proposerIndex);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a WalProposal message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.WalProposal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.WalProposal & tianping.v1.WalProposal.$Shape} WalProposal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WalProposal.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.WalProposal();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.validRound = value;
                            else
                                delete message.validRound;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.blockHash = value;
                            else
                                delete message.blockHash;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.proposerIndex = value;
                            else
                                delete message.proposerIndex;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for WalProposal
             * @function getTypeUrl
             * @memberof tianping.v1.WalProposal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WalProposal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.WalProposal";
            };

            return WalProposal;
        })();

        v1.ConsensusWal = (function() {

            /**
             * Properties of a ConsensusWal.
             * @typedef {Object} tianping.v1.ConsensusWal.$Properties
             * @property {number|null} [height] ConsensusWal height
             * @property {number|null} [round] ConsensusWal round
             * @property {tianping.v1.SignedRecord.$Properties|null} [lastSigned] ConsensusWal lastSigned
             * @property {tianping.v1.RoundBlock.$Properties|null} [locked] ConsensusWal locked
             * @property {tianping.v1.RoundBlock.$Properties|null} [valid] ConsensusWal valid
             * @property {Array.<tianping.v1.Vote.$Properties>|null} [ownVotes] ConsensusWal ownVotes
             * @property {Array.<tianping.v1.Proposal.$Properties>|null} [ownProposals] ConsensusWal ownProposals
             * @property {Array.<tianping.v1.WalProposal.$Properties>|null} [ownProposalRefs] ConsensusWal ownProposalRefs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ConsensusWal.
             * @memberof tianping.v1
             * @interface IConsensusWal
             * @augments tianping.v1.ConsensusWal.$Properties
             * @deprecated Use tianping.v1.ConsensusWal.$Properties instead.
             */

            /**
             * Shape of a ConsensusWal.
             * @typedef {tianping.v1.ConsensusWal.$Properties} tianping.v1.ConsensusWal.$Shape
             */

            /**
             * Constructs a new ConsensusWal.
             * @memberof tianping.v1
             * @classdesc Represents a ConsensusWal.
             * @constructor
             * @param {tianping.v1.ConsensusWal.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ConsensusWal = function (properties) {
                this.ownVotes = [];
                this.ownProposals = [];
                this.ownProposalRefs = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ConsensusWal height.
             * @member {number} height
             * @memberof tianping.v1.ConsensusWal
             * @instance
             */
            ConsensusWal.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ConsensusWal round.
             * @member {number} round
             * @memberof tianping.v1.ConsensusWal
             * @instance
             */
            ConsensusWal.prototype.round = 0;

            /**
             * ConsensusWal lastSigned.
             * @member {tianping.v1.SignedRecord.$Properties|null|undefined} lastSigned
             * @memberof tianping.v1.ConsensusWal
             * @instance
             */
            ConsensusWal.prototype.lastSigned = null;

            /**
             * ConsensusWal locked.
             * @member {tianping.v1.RoundBlock.$Properties|null|undefined} locked
             * @memberof tianping.v1.ConsensusWal
             * @instance
             */
            ConsensusWal.prototype.locked = null;

            /**
             * ConsensusWal valid.
             * @member {tianping.v1.RoundBlock.$Properties|null|undefined} valid
             * @memberof tianping.v1.ConsensusWal
             * @instance
             */
            ConsensusWal.prototype.valid = null;

            /**
             * ConsensusWal ownVotes.
             * @member {Array.<tianping.v1.Vote.$Properties>} ownVotes
             * @memberof tianping.v1.ConsensusWal
             * @instance
             */
            ConsensusWal.prototype.ownVotes = $util.emptyArray;

            /**
             * ConsensusWal ownProposals.
             * @member {Array.<tianping.v1.Proposal.$Properties>} ownProposals
             * @memberof tianping.v1.ConsensusWal
             * @instance
             */
            ConsensusWal.prototype.ownProposals = $util.emptyArray;

            /**
             * ConsensusWal ownProposalRefs.
             * @member {Array.<tianping.v1.WalProposal.$Properties>} ownProposalRefs
             * @memberof tianping.v1.ConsensusWal
             * @instance
             */
            ConsensusWal.prototype.ownProposalRefs = $util.emptyArray;

            /**
             * Creates a new ConsensusWal instance using the specified properties.
             * @function create
             * @memberof tianping.v1.ConsensusWal
             * @static
             * @param {tianping.v1.ConsensusWal.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.ConsensusWal} ConsensusWal instance
             * @type {{
             *   (properties: tianping.v1.ConsensusWal.$Shape): tianping.v1.ConsensusWal & tianping.v1.ConsensusWal.$Shape;
             *   (properties?: tianping.v1.ConsensusWal.$Properties): tianping.v1.ConsensusWal;
             * }}
             */
            ConsensusWal.create = function(properties) {
                return new ConsensusWal(properties);
            };

            /**
             * Encodes the specified ConsensusWal message. Does not implicitly {@link tianping.v1.ConsensusWal.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.ConsensusWal
             * @static
             * @param {tianping.v1.ConsensusWal.$Properties} message ConsensusWal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ConsensusWal.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.height);
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.round);
                if (message.lastSigned != null && $Object.hasOwnProperty.call(message, "lastSigned"))
                    $root.tianping.v1.SignedRecord.encode(message.lastSigned, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.locked != null && $Object.hasOwnProperty.call(message, "locked"))
                    $root.tianping.v1.RoundBlock.encode(message.locked, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.valid != null && $Object.hasOwnProperty.call(message, "valid"))
                    $root.tianping.v1.RoundBlock.encode(message.valid, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.ownVotes != null && message.ownVotes.length)
                    for (let i = 0; i < message.ownVotes.length; ++i)
                        $root.tianping.v1.Vote.encode(message.ownVotes[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.ownProposals != null && message.ownProposals.length)
                    for (let i = 0; i < message.ownProposals.length; ++i)
                        $root.tianping.v1.Proposal.encode(message.ownProposals[i], writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.ownProposalRefs != null && message.ownProposalRefs.length)
                    for (let i = 0; i < message.ownProposalRefs.length; ++i)
                        $root.tianping.v1.WalProposal.encode(message.ownProposalRefs[i], writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ConsensusWal message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.ConsensusWal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.ConsensusWal & tianping.v1.ConsensusWal.$Shape} ConsensusWal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ConsensusWal.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.ConsensusWal();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.lastSigned = $root.tianping.v1.SignedRecord.decode(reader, reader.size(), $undefined, _depth + 1, message.lastSigned);
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.locked = $root.tianping.v1.RoundBlock.decode(reader, reader.size(), $undefined, _depth + 1, message.locked);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.valid = $root.tianping.v1.RoundBlock.decode(reader, reader.size(), $undefined, _depth + 1, message.valid);
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.ownVotes && message.ownVotes.length))
                                message.ownVotes = [];
                            message.ownVotes.push($root.tianping.v1.Vote.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if (!(message.ownProposals && message.ownProposals.length))
                                message.ownProposals = [];
                            message.ownProposals.push($root.tianping.v1.Proposal.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if (!(message.ownProposalRefs && message.ownProposalRefs.length))
                                message.ownProposalRefs = [];
                            message.ownProposalRefs.push($root.tianping.v1.WalProposal.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for ConsensusWal
             * @function getTypeUrl
             * @memberof tianping.v1.ConsensusWal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ConsensusWal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.ConsensusWal";
            };

            return ConsensusWal;
        })();

        v1.TxBatch = (function() {

            /**
             * Properties of a TxBatch.
             * @typedef {Object} tianping.v1.TxBatch.$Properties
             * @property {Array.<Uint8Array>|null} [txs] TxBatch txs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TxBatch.
             * @memberof tianping.v1
             * @interface ITxBatch
             * @augments tianping.v1.TxBatch.$Properties
             * @deprecated Use tianping.v1.TxBatch.$Properties instead.
             */

            /**
             * Shape of a TxBatch.
             * @typedef {tianping.v1.TxBatch.$Properties} tianping.v1.TxBatch.$Shape
             */

            /**
             * Constructs a new TxBatch.
             * @memberof tianping.v1
             * @classdesc Represents a TxBatch.
             * @constructor
             * @param {tianping.v1.TxBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TxBatch = function (properties) {
                this.txs = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TxBatch txs.
             * @member {Array.<Uint8Array>} txs
             * @memberof tianping.v1.TxBatch
             * @instance
             */
            TxBatch.prototype.txs = $util.emptyArray;

            /**
             * Creates a new TxBatch instance using the specified properties.
             * @function create
             * @memberof tianping.v1.TxBatch
             * @static
             * @param {tianping.v1.TxBatch.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.TxBatch} TxBatch instance
             * @type {{
             *   (properties: tianping.v1.TxBatch.$Shape): tianping.v1.TxBatch & tianping.v1.TxBatch.$Shape;
             *   (properties?: tianping.v1.TxBatch.$Properties): tianping.v1.TxBatch;
             * }}
             */
            TxBatch.create = function(properties) {
                return new TxBatch(properties);
            };

            /**
             * Encodes the specified TxBatch message. Does not implicitly {@link tianping.v1.TxBatch.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.TxBatch
             * @static
             * @param {tianping.v1.TxBatch.$Properties} message TxBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TxBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.txs != null && message.txs.length)
                    for (let i = 0; i < message.txs.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.txs[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TxBatch message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.TxBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.TxBatch & tianping.v1.TxBatch.$Shape} TxBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TxBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.TxBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.txs && message.txs.length))
                                message.txs = [];
                            message.txs.push(reader.bytes());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for TxBatch
             * @function getTypeUrl
             * @memberof tianping.v1.TxBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TxBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.TxBatch";
            };

            return TxBatch;
        })();

        v1.CompactProposal = (function() {

            /**
             * Properties of a CompactProposal.
             * @typedef {Object} tianping.v1.CompactProposal.$Properties
             * @property {number|null} [height] CompactProposal height
             * @property {number|null} [round] CompactProposal round
             * @property {number|null} [validRound] CompactProposal validRound
             * @property {Uint8Array|null} [header] CompactProposal header
             * @property {Uint8Array|null} [txHashes] CompactProposal txHashes
             * @property {number|null} [proposerIndex] CompactProposal proposerIndex
             * @property {Uint8Array|null} [signature] CompactProposal signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CompactProposal.
             * @memberof tianping.v1
             * @interface ICompactProposal
             * @augments tianping.v1.CompactProposal.$Properties
             * @deprecated Use tianping.v1.CompactProposal.$Properties instead.
             */

            /**
             * Shape of a CompactProposal.
             * @typedef {tianping.v1.CompactProposal.$Properties} tianping.v1.CompactProposal.$Shape
             */

            /**
             * Constructs a new CompactProposal.
             * @memberof tianping.v1
             * @classdesc Represents a CompactProposal.
             * @constructor
             * @param {tianping.v1.CompactProposal.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CompactProposal = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CompactProposal height.
             * @member {number} height
             * @memberof tianping.v1.CompactProposal
             * @instance
             */
            CompactProposal.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CompactProposal round.
             * @member {number} round
             * @memberof tianping.v1.CompactProposal
             * @instance
             */
            CompactProposal.prototype.round = 0;

            /**
             * CompactProposal validRound.
             * @member {number} validRound
             * @memberof tianping.v1.CompactProposal
             * @instance
             */
            CompactProposal.prototype.validRound = 0;

            /**
             * CompactProposal header.
             * @member {Uint8Array} header
             * @memberof tianping.v1.CompactProposal
             * @instance
             */
            CompactProposal.prototype.header = $util.newBuffer([]);

            /**
             * CompactProposal txHashes.
             * @member {Uint8Array} txHashes
             * @memberof tianping.v1.CompactProposal
             * @instance
             */
            CompactProposal.prototype.txHashes = $util.newBuffer([]);

            /**
             * CompactProposal proposerIndex.
             * @member {number} proposerIndex
             * @memberof tianping.v1.CompactProposal
             * @instance
             */
            CompactProposal.prototype.proposerIndex = 0;

            /**
             * CompactProposal signature.
             * @member {Uint8Array} signature
             * @memberof tianping.v1.CompactProposal
             * @instance
             */
            CompactProposal.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new CompactProposal instance using the specified properties.
             * @function create
             * @memberof tianping.v1.CompactProposal
             * @static
             * @param {tianping.v1.CompactProposal.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.CompactProposal} CompactProposal instance
             * @type {{
             *   (properties: tianping.v1.CompactProposal.$Shape): tianping.v1.CompactProposal & tianping.v1.CompactProposal.$Shape;
             *   (properties?: tianping.v1.CompactProposal.$Properties): tianping.v1.CompactProposal;
             * }}
             */
            CompactProposal.create = function(properties) {
                return new CompactProposal(properties);
            };

            /**
             * Encodes the specified CompactProposal message. Does not implicitly {@link tianping.v1.CompactProposal.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.CompactProposal
             * @static
             * @param {tianping.v1.CompactProposal.$Properties} message CompactProposal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CompactProposal.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.height);
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.round);
                if (message.validRound != null && $Object.hasOwnProperty.call(message, "validRound") && message.validRound !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.validRound);
                if (message.header != null && $Object.hasOwnProperty.call(message, "header") && message.header.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.header);
                if (message.txHashes != null && $Object.hasOwnProperty.call(message, "txHashes") && message.txHashes.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.txHashes);
                if (message.proposerIndex != null && $Object.hasOwnProperty.call(message, "proposerIndex") && message.proposerIndex !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.proposerIndex);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CompactProposal message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.CompactProposal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.CompactProposal & tianping.v1.CompactProposal.$Shape} CompactProposal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CompactProposal.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.CompactProposal();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.validRound = value;
                            else
                                delete message.validRound;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.header = value;
                            else
                                delete message.header;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.txHashes = value;
                            else
                                delete message.txHashes;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.proposerIndex = value;
                            else
                                delete message.proposerIndex;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for CompactProposal
             * @function getTypeUrl
             * @memberof tianping.v1.CompactProposal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CompactProposal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.CompactProposal";
            };

            return CompactProposal;
        })();

        v1.CatchUpRequest = (function() {

            /**
             * Properties of a CatchUpRequest.
             * @typedef {Object} tianping.v1.CatchUpRequest.$Properties
             * @property {string|null} [kind] CatchUpRequest kind
             * @property {number|null} [height] CatchUpRequest height
             * @property {number|null} [round] CatchUpRequest round
             * @property {number|null} [voteType] CatchUpRequest voteType
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CatchUpRequest.
             * @memberof tianping.v1
             * @interface ICatchUpRequest
             * @augments tianping.v1.CatchUpRequest.$Properties
             * @deprecated Use tianping.v1.CatchUpRequest.$Properties instead.
             */

            /**
             * Shape of a CatchUpRequest.
             * @typedef {tianping.v1.CatchUpRequest.$Properties} tianping.v1.CatchUpRequest.$Shape
             */

            /**
             * Constructs a new CatchUpRequest.
             * @memberof tianping.v1
             * @classdesc Represents a CatchUpRequest.
             * @constructor
             * @param {tianping.v1.CatchUpRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CatchUpRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CatchUpRequest kind.
             * @member {string} kind
             * @memberof tianping.v1.CatchUpRequest
             * @instance
             */
            CatchUpRequest.prototype.kind = "";

            /**
             * CatchUpRequest height.
             * @member {number} height
             * @memberof tianping.v1.CatchUpRequest
             * @instance
             */
            CatchUpRequest.prototype.height = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CatchUpRequest round.
             * @member {number} round
             * @memberof tianping.v1.CatchUpRequest
             * @instance
             */
            CatchUpRequest.prototype.round = 0;

            /**
             * CatchUpRequest voteType.
             * @member {number} voteType
             * @memberof tianping.v1.CatchUpRequest
             * @instance
             */
            CatchUpRequest.prototype.voteType = 0;

            /**
             * Creates a new CatchUpRequest instance using the specified properties.
             * @function create
             * @memberof tianping.v1.CatchUpRequest
             * @static
             * @param {tianping.v1.CatchUpRequest.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.CatchUpRequest} CatchUpRequest instance
             * @type {{
             *   (properties: tianping.v1.CatchUpRequest.$Shape): tianping.v1.CatchUpRequest & tianping.v1.CatchUpRequest.$Shape;
             *   (properties?: tianping.v1.CatchUpRequest.$Properties): tianping.v1.CatchUpRequest;
             * }}
             */
            CatchUpRequest.create = function(properties) {
                return new CatchUpRequest(properties);
            };

            /**
             * Encodes the specified CatchUpRequest message. Does not implicitly {@link tianping.v1.CatchUpRequest.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.CatchUpRequest
             * @static
             * @param {tianping.v1.CatchUpRequest.$Properties} message CatchUpRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CatchUpRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.kind);
                if (message.height != null && $Object.hasOwnProperty.call(message, "height") && (typeof message.height === "object" ? message.height.low || message.height.high : message.height !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.height);
                if (message.round != null && $Object.hasOwnProperty.call(message, "round") && message.round !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.round);
                if (message.voteType != null && $Object.hasOwnProperty.call(message, "voteType") && message.voteType !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.voteType);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CatchUpRequest message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.CatchUpRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.CatchUpRequest & tianping.v1.CatchUpRequest.$Shape} CatchUpRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CatchUpRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.CatchUpRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.height = value;
                            else
                                delete message.height;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.round = value;
                            else
                                delete message.round;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.voteType = value;
                            else
                                delete message.voteType;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for CatchUpRequest
             * @function getTypeUrl
             * @memberof tianping.v1.CatchUpRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CatchUpRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.CatchUpRequest";
            };

            return CatchUpRequest;
        })();

        v1.CatchUpResponse = (function() {

            /**
             * Properties of a CatchUpResponse.
             * @typedef {Object} tianping.v1.CatchUpResponse.$Properties
             * @property {Array.<tianping.v1.Proposal.$Properties>|null} [proposals] CatchUpResponse proposals
             * @property {Array.<tianping.v1.Vote.$Properties>|null} [votes] CatchUpResponse votes
             * @property {number|null} [tipHeight] CatchUpResponse tipHeight
             * @property {Array.<tianping.v1.CompactProposal.$Properties>|null} [compactProposals] CatchUpResponse compactProposals
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CatchUpResponse.
             * @memberof tianping.v1
             * @interface ICatchUpResponse
             * @augments tianping.v1.CatchUpResponse.$Properties
             * @deprecated Use tianping.v1.CatchUpResponse.$Properties instead.
             */

            /**
             * Shape of a CatchUpResponse.
             * @typedef {tianping.v1.CatchUpResponse.$Properties} tianping.v1.CatchUpResponse.$Shape
             */

            /**
             * Constructs a new CatchUpResponse.
             * @memberof tianping.v1
             * @classdesc Represents a CatchUpResponse.
             * @constructor
             * @param {tianping.v1.CatchUpResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CatchUpResponse = function (properties) {
                this.proposals = [];
                this.votes = [];
                this.compactProposals = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CatchUpResponse proposals.
             * @member {Array.<tianping.v1.Proposal.$Properties>} proposals
             * @memberof tianping.v1.CatchUpResponse
             * @instance
             */
            CatchUpResponse.prototype.proposals = $util.emptyArray;

            /**
             * CatchUpResponse votes.
             * @member {Array.<tianping.v1.Vote.$Properties>} votes
             * @memberof tianping.v1.CatchUpResponse
             * @instance
             */
            CatchUpResponse.prototype.votes = $util.emptyArray;

            /**
             * CatchUpResponse tipHeight.
             * @member {number} tipHeight
             * @memberof tianping.v1.CatchUpResponse
             * @instance
             */
            CatchUpResponse.prototype.tipHeight = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CatchUpResponse compactProposals.
             * @member {Array.<tianping.v1.CompactProposal.$Properties>} compactProposals
             * @memberof tianping.v1.CatchUpResponse
             * @instance
             */
            CatchUpResponse.prototype.compactProposals = $util.emptyArray;

            /**
             * Creates a new CatchUpResponse instance using the specified properties.
             * @function create
             * @memberof tianping.v1.CatchUpResponse
             * @static
             * @param {tianping.v1.CatchUpResponse.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.CatchUpResponse} CatchUpResponse instance
             * @type {{
             *   (properties: tianping.v1.CatchUpResponse.$Shape): tianping.v1.CatchUpResponse & tianping.v1.CatchUpResponse.$Shape;
             *   (properties?: tianping.v1.CatchUpResponse.$Properties): tianping.v1.CatchUpResponse;
             * }}
             */
            CatchUpResponse.create = function(properties) {
                return new CatchUpResponse(properties);
            };

            /**
             * Encodes the specified CatchUpResponse message. Does not implicitly {@link tianping.v1.CatchUpResponse.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.CatchUpResponse
             * @static
             * @param {tianping.v1.CatchUpResponse.$Properties} message CatchUpResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CatchUpResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.proposals != null && message.proposals.length)
                    for (let i = 0; i < message.proposals.length; ++i)
                        $root.tianping.v1.Proposal.encode(message.proposals[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.votes != null && message.votes.length)
                    for (let i = 0; i < message.votes.length; ++i)
                        $root.tianping.v1.Vote.encode(message.votes[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.tipHeight != null && $Object.hasOwnProperty.call(message, "tipHeight") && (typeof message.tipHeight === "object" ? message.tipHeight.low || message.tipHeight.high : message.tipHeight !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.tipHeight);
                if (message.compactProposals != null && message.compactProposals.length)
                    for (let i = 0; i < message.compactProposals.length; ++i)
                        $root.tianping.v1.CompactProposal.encode(message.compactProposals[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CatchUpResponse message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.CatchUpResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.CatchUpResponse & tianping.v1.CatchUpResponse.$Shape} CatchUpResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CatchUpResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.CatchUpResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.proposals && message.proposals.length))
                                message.proposals = [];
                            message.proposals.push($root.tianping.v1.Proposal.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.votes && message.votes.length))
                                message.votes = [];
                            message.votes.push($root.tianping.v1.Vote.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.tipHeight = value;
                            else
                                delete message.tipHeight;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.compactProposals && message.compactProposals.length))
                                message.compactProposals = [];
                            message.compactProposals.push($root.tianping.v1.CompactProposal.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for CatchUpResponse
             * @function getTypeUrl
             * @memberof tianping.v1.CatchUpResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CatchUpResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.CatchUpResponse";
            };

            return CatchUpResponse;
        })();

        v1.BlocksRequest = (function() {

            /**
             * Properties of a BlocksRequest.
             * @typedef {Object} tianping.v1.BlocksRequest.$Properties
             * @property {number|null} [fromHeight] BlocksRequest fromHeight
             * @property {number|null} [toHeight] BlocksRequest toHeight
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BlocksRequest.
             * @memberof tianping.v1
             * @interface IBlocksRequest
             * @augments tianping.v1.BlocksRequest.$Properties
             * @deprecated Use tianping.v1.BlocksRequest.$Properties instead.
             */

            /**
             * Shape of a BlocksRequest.
             * @typedef {tianping.v1.BlocksRequest.$Properties} tianping.v1.BlocksRequest.$Shape
             */

            /**
             * Constructs a new BlocksRequest.
             * @memberof tianping.v1
             * @classdesc Represents a BlocksRequest.
             * @constructor
             * @param {tianping.v1.BlocksRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BlocksRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BlocksRequest fromHeight.
             * @member {number} fromHeight
             * @memberof tianping.v1.BlocksRequest
             * @instance
             */
            BlocksRequest.prototype.fromHeight = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BlocksRequest toHeight.
             * @member {number} toHeight
             * @memberof tianping.v1.BlocksRequest
             * @instance
             */
            BlocksRequest.prototype.toHeight = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new BlocksRequest instance using the specified properties.
             * @function create
             * @memberof tianping.v1.BlocksRequest
             * @static
             * @param {tianping.v1.BlocksRequest.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.BlocksRequest} BlocksRequest instance
             * @type {{
             *   (properties: tianping.v1.BlocksRequest.$Shape): tianping.v1.BlocksRequest & tianping.v1.BlocksRequest.$Shape;
             *   (properties?: tianping.v1.BlocksRequest.$Properties): tianping.v1.BlocksRequest;
             * }}
             */
            BlocksRequest.create = function(properties) {
                return new BlocksRequest(properties);
            };

            /**
             * Encodes the specified BlocksRequest message. Does not implicitly {@link tianping.v1.BlocksRequest.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.BlocksRequest
             * @static
             * @param {tianping.v1.BlocksRequest.$Properties} message BlocksRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BlocksRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.fromHeight != null && $Object.hasOwnProperty.call(message, "fromHeight") && (typeof message.fromHeight === "object" ? message.fromHeight.low || message.fromHeight.high : message.fromHeight !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.fromHeight);
                if (message.toHeight != null && $Object.hasOwnProperty.call(message, "toHeight") && (typeof message.toHeight === "object" ? message.toHeight.low || message.toHeight.high : message.toHeight !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.toHeight);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BlocksRequest message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.BlocksRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.BlocksRequest & tianping.v1.BlocksRequest.$Shape} BlocksRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BlocksRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.BlocksRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.fromHeight = value;
                            else
                                delete message.fromHeight;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.toHeight = value;
                            else
                                delete message.toHeight;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for BlocksRequest
             * @function getTypeUrl
             * @memberof tianping.v1.BlocksRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BlocksRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.BlocksRequest";
            };

            return BlocksRequest;
        })();

        v1.SyncedBlock = (function() {

            /**
             * Properties of a SyncedBlock.
             * @typedef {Object} tianping.v1.SyncedBlock.$Properties
             * @property {Uint8Array|null} [block] SyncedBlock block
             * @property {Uint8Array|null} [commit] SyncedBlock commit
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SyncedBlock.
             * @memberof tianping.v1
             * @interface ISyncedBlock
             * @augments tianping.v1.SyncedBlock.$Properties
             * @deprecated Use tianping.v1.SyncedBlock.$Properties instead.
             */

            /**
             * Shape of a SyncedBlock.
             * @typedef {tianping.v1.SyncedBlock.$Properties} tianping.v1.SyncedBlock.$Shape
             */

            /**
             * Constructs a new SyncedBlock.
             * @memberof tianping.v1
             * @classdesc Represents a SyncedBlock.
             * @constructor
             * @param {tianping.v1.SyncedBlock.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SyncedBlock = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SyncedBlock block.
             * @member {Uint8Array} block
             * @memberof tianping.v1.SyncedBlock
             * @instance
             */
            SyncedBlock.prototype.block = $util.newBuffer([]);

            /**
             * SyncedBlock commit.
             * @member {Uint8Array} commit
             * @memberof tianping.v1.SyncedBlock
             * @instance
             */
            SyncedBlock.prototype.commit = $util.newBuffer([]);

            /**
             * Creates a new SyncedBlock instance using the specified properties.
             * @function create
             * @memberof tianping.v1.SyncedBlock
             * @static
             * @param {tianping.v1.SyncedBlock.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.SyncedBlock} SyncedBlock instance
             * @type {{
             *   (properties: tianping.v1.SyncedBlock.$Shape): tianping.v1.SyncedBlock & tianping.v1.SyncedBlock.$Shape;
             *   (properties?: tianping.v1.SyncedBlock.$Properties): tianping.v1.SyncedBlock;
             * }}
             */
            SyncedBlock.create = function(properties) {
                return new SyncedBlock(properties);
            };

            /**
             * Encodes the specified SyncedBlock message. Does not implicitly {@link tianping.v1.SyncedBlock.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.SyncedBlock
             * @static
             * @param {tianping.v1.SyncedBlock.$Properties} message SyncedBlock message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SyncedBlock.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.block != null && $Object.hasOwnProperty.call(message, "block") && message.block.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.block);
                if (message.commit != null && $Object.hasOwnProperty.call(message, "commit") && message.commit.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.commit);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SyncedBlock message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.SyncedBlock
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.SyncedBlock & tianping.v1.SyncedBlock.$Shape} SyncedBlock
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SyncedBlock.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.SyncedBlock();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.block = value;
                            else
                                delete message.block;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.commit = value;
                            else
                                delete message.commit;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for SyncedBlock
             * @function getTypeUrl
             * @memberof tianping.v1.SyncedBlock
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SyncedBlock.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.SyncedBlock";
            };

            return SyncedBlock;
        })();

        v1.BlocksResponse = (function() {

            /**
             * Properties of a BlocksResponse.
             * @typedef {Object} tianping.v1.BlocksResponse.$Properties
             * @property {number|null} [tipHeight] BlocksResponse tipHeight
             * @property {Array.<tianping.v1.SyncedBlock.$Properties>|null} [blocks] BlocksResponse blocks
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BlocksResponse.
             * @memberof tianping.v1
             * @interface IBlocksResponse
             * @augments tianping.v1.BlocksResponse.$Properties
             * @deprecated Use tianping.v1.BlocksResponse.$Properties instead.
             */

            /**
             * Shape of a BlocksResponse.
             * @typedef {tianping.v1.BlocksResponse.$Properties} tianping.v1.BlocksResponse.$Shape
             */

            /**
             * Constructs a new BlocksResponse.
             * @memberof tianping.v1
             * @classdesc Represents a BlocksResponse.
             * @constructor
             * @param {tianping.v1.BlocksResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BlocksResponse = function (properties) {
                this.blocks = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BlocksResponse tipHeight.
             * @member {number} tipHeight
             * @memberof tianping.v1.BlocksResponse
             * @instance
             */
            BlocksResponse.prototype.tipHeight = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BlocksResponse blocks.
             * @member {Array.<tianping.v1.SyncedBlock.$Properties>} blocks
             * @memberof tianping.v1.BlocksResponse
             * @instance
             */
            BlocksResponse.prototype.blocks = $util.emptyArray;

            /**
             * Creates a new BlocksResponse instance using the specified properties.
             * @function create
             * @memberof tianping.v1.BlocksResponse
             * @static
             * @param {tianping.v1.BlocksResponse.$Properties=} [properties] Properties to set
             * @returns {tianping.v1.BlocksResponse} BlocksResponse instance
             * @type {{
             *   (properties: tianping.v1.BlocksResponse.$Shape): tianping.v1.BlocksResponse & tianping.v1.BlocksResponse.$Shape;
             *   (properties?: tianping.v1.BlocksResponse.$Properties): tianping.v1.BlocksResponse;
             * }}
             */
            BlocksResponse.create = function(properties) {
                return new BlocksResponse(properties);
            };

            /**
             * Encodes the specified BlocksResponse message. Does not implicitly {@link tianping.v1.BlocksResponse.verify|verify} messages.
             * @function encode
             * @memberof tianping.v1.BlocksResponse
             * @static
             * @param {tianping.v1.BlocksResponse.$Properties} message BlocksResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BlocksResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.tipHeight != null && $Object.hasOwnProperty.call(message, "tipHeight") && (typeof message.tipHeight === "object" ? message.tipHeight.low || message.tipHeight.high : message.tipHeight !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.tipHeight);
                if (message.blocks != null && message.blocks.length)
                    for (let i = 0; i < message.blocks.length; ++i)
                        $root.tianping.v1.SyncedBlock.encode(message.blocks[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BlocksResponse message from the specified reader or buffer.
             * @function decode
             * @memberof tianping.v1.BlocksResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tianping.v1.BlocksResponse & tianping.v1.BlocksResponse.$Shape} BlocksResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BlocksResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tianping.v1.BlocksResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.tipHeight = value;
                            else
                                delete message.tipHeight;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.blocks && message.blocks.length))
                                message.blocks = [];
                            message.blocks.push($root.tianping.v1.SyncedBlock.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for BlocksResponse
             * @function getTypeUrl
             * @memberof tianping.v1.BlocksResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BlocksResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tianping.v1.BlocksResponse";
            };

            return BlocksResponse;
        })();

        return v1;
    })();

    return tianping;
})();

export {
  $root as default
};
