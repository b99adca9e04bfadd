// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Settlement roots of FlexLedger, one per market day.
/// @notice The operator (the DSO) anchors the Merkle root of a day's public settlement records.
///         A root is written once: a period that has a root can never get another one.
contract SettlementAnchor {
    /// @notice The only account allowed to anchor (the deployer).
    address public immutable owner;

    mapping(bytes32 => bytes32) private roots;

    /// @notice A period received its settlement root.
    event PeriodAnchored(bytes32 indexed periodId, bytes32 root);

    constructor() {
        owner = msg.sender;
    }

    /// @notice Records the settlement root of a period (periodId = keccak256 of the ISO day).
    function anchor(bytes32 periodId, bytes32 root) external {
        // Only the operator anchors.
        require(msg.sender == owner, "SettlementAnchor: caller is not the owner");
        // An empty root would be indistinguishable from "not anchored".
        require(root != bytes32(0), "SettlementAnchor: root is zero");
        // One root per period, never replaced.
        require(roots[periodId] == bytes32(0), "SettlementAnchor: period already anchored");
        roots[periodId] = root;
        emit PeriodAnchored(periodId, root);
    }

    /// @notice The root of a period, or zero when the period has not been anchored.
    function rootOf(bytes32 periodId) external view returns (bytes32) {
        return roots[periodId];
    }
}
