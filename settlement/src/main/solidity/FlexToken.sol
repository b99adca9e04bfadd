// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title FLEX, the settlement token of FlexLedger (1 FLEX = 1 EUR, 2 decimals: 1 unit = 1 cent).
/// @notice A plain ERC-20 whose supply only grows through settlement payouts minted by the operator.
///         Each settlement id is paid at most once.
contract FlexToken {
    string public constant name = "FlexLedger Euro";
    string public constant symbol = "FLEX";
    uint8 public constant decimals = 2;

    /// @notice The only account allowed to mint payouts (the deployer).
    address public immutable owner;

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(bytes32 => bool) private paid;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    /// @notice A settlement was paid out: `cents` new tokens minted to `to`.
    event Payout(bytes32 indexed settlementId, address indexed to, uint256 cents);

    constructor() {
        owner = msg.sender;
    }

    /// @notice Mints the payout of one settlement to its beneficiary.
    function payout(address to, uint256 cents, bytes32 settlementId) external {
        // Only the operator pays out.
        require(msg.sender == owner, "FlexToken: caller is not the owner");
        // Minting to the zero address would burn the payout.
        require(to != address(0), "FlexToken: payout to the zero address");
        // A payout moves money: zero is a mistake, not a payout.
        require(cents > 0, "FlexToken: payout of zero cents");
        // One payout per settlement id.
        require(!paid[settlementId], "FlexToken: settlement already paid out");
        paid[settlementId] = true;
        totalSupply += cents;
        balanceOf[to] += cents;
        emit Transfer(address(0), to, cents);
        emit Payout(settlementId, to, cents);
    }

    /// @notice Whether a settlement id has been paid out.
    function paidOut(bytes32 settlementId) external view returns (bool) {
        return paid[settlementId];
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        // The spender may move at most what the holder approved (max uint256 = unlimited).
        if (allowed != type(uint256).max) {
            require(allowed >= value, "FlexToken: allowance exceeded");
            allowance[from][msg.sender] = allowed - value;
        }
        _transfer(from, to, value);
        return true;
    }

    function _transfer(address from, address to, uint256 value) private {
        // Tokens sent to the zero address would be lost.
        require(to != address(0), "FlexToken: transfer to the zero address");
        uint256 held = balanceOf[from];
        // No overdraft.
        require(held >= value, "FlexToken: balance too low");
        balanceOf[from] = held - value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
